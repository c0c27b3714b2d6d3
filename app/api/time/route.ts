export const dynamic = 'force-dynamic';

/** The server's clock, so countdowns follow it rather than a laptop clock that may be wrong. */
export function GET() {
  return Response.json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
}
