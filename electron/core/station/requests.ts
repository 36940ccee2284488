/** The payload of each bridge request as main sees it (after the contract's schema parsed it). */
import type { z } from 'zod';
import type { requestSchemas } from '../../../shared/contract';

export type Req<N extends keyof typeof requestSchemas> = z.output<(typeof requestSchemas)[N]>;
