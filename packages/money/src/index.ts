// Money as every server of the shop shows it. Every export here is API the services depend on.
export { formatMoney } from './format-money.ts';
export { type MoneyOutput, money, moneyOutput } from './money-output.ts';
