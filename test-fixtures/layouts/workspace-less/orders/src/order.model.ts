import { Schema, model } from 'mongoose';

const orderSchema = new Schema(
  {
    userId: { type: String, required: true },
    items: [{ sku: String, quantity: Number, priceCents: Number }],
    status: { type: String, enum: ['created', 'cancelled', 'complete'], default: 'created' },
  },
  { timestamps: true },
);

export const Order = model('Order', orderSchema);
