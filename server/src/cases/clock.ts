/** Now, as the case workflow sees it: deadlines, escalation, quotas and the phone purge read it, so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
