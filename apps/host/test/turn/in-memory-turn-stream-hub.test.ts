import { describe } from 'vitest';
import { createInMemoryTurnStreamHub } from '../../src/turn/in-memory-turn-stream-hub.ts';
import { turnStreamHubContract } from './support/turn-stream-hub-contract.ts';

describe('in-memory turn stream hub (the reference of the contract)', () => {
  turnStreamHubContract((limits) => createInMemoryTurnStreamHub(limits));
});
