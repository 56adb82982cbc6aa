// Money helpers, exported because payments asked for the exact same formatting on card statements.
export { formatMoney, toMinorUnits } from './money';
