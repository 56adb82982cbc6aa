import mongoose from 'mongoose';

export async function connectMongo(): Promise<typeof mongoose> {
  return mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/acme');
}
