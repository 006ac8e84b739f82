import type { Page } from '../router.ts';
import { conversationListPage } from './conversation-list-page.ts';
import { metricsPage } from './metrics-page.ts';
import { queuePage } from './queue-page.ts';
import { signInPage } from './sign-in-page.ts';
import { transcriptPage } from './transcript-page.ts';

/** Every page of the console, in the order of the navigation bar. A new page: one file, one line here. */
export const PAGES: readonly Page[] = [conversationListPage, queuePage, transcriptPage, metricsPage, signInPage];
