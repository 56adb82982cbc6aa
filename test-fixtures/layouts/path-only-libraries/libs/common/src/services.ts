/** Injection tokens of the ClientProxy instances apps use to reach each other. */
export const PAYMENTS_SERVICE = 'PAYMENTS_SERVICE';
