import { Schema, model } from 'mongoose';

const reportSchema = new Schema(
  {
    accountId: { type: String, required: true, index: true },
    format: { type: String, enum: ['csv', 'pdf'], required: true },
    status: { type: String, enum: ['queued', 'running', 'done', 'failed'], default: 'queued' },
    url: String,
  },
  { timestamps: true },
);

export const Report = model('Report', reportSchema);
