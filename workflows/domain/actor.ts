/** Who takes an operator action, as every action's payload names it. */
import { z } from 'zod';
import { ROLES } from './status.ts';

export const actorSchema = z.object({
  id: z.string().min(1).max(120),
  role: z.enum(ROLES),
});
