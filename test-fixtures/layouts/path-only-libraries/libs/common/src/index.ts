export * from './common.module';
export * from './services';
export * from './patterns';
export * from './dto/create-charge.dto';
