import { type InferSchemaType, model, Schema } from 'mongoose';

const notificationSchema = new Schema(
  {
    kind: { type: String, enum: ['order-confirmation', 'payment-failed'], required: true },
    /** Order or payment the notification is about: one notification of each kind per subject. */
    subjectId: { type: String, required: true },
    recipient: { type: String, required: true },
    channel: { type: String, enum: ['email'], default: 'email' },
  },
  { timestamps: true },
);
notificationSchema.index({ kind: 1, subjectId: 1 }, { unique: true });

export type NotificationRecord = InferSchemaType<typeof notificationSchema>;

export const Notification = model('Notification', notificationSchema);
