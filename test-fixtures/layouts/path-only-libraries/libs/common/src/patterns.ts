export const PaymentsPatterns = {
  Charge: 'payments.charge',
} as const;
