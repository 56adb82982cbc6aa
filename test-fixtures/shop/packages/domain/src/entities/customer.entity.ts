import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  marketingOptIn!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
