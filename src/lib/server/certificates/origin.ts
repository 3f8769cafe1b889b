/** The address people and verifiers reach Credo at (ORIGIN, which `npm start` always sets). */
export const publicOrigin = () => (process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');
