// The seed's Bun server (the blog post "Добавляю persistent-слой для пет-проектов", /work/shared/seeds/004),
// as it was, for bench/fruits-vs-bun.sh to measure against fruits. One change: the port comes from PORT
// (the seed listens on 80).
import { serve } from "bun";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL!);
let seeded = false;

async function ensureSeededOnce() {
  if (seeded) return;

  await sql`CREATE TABLE IF NOT EXISTS items (name TEXT NOT NULL)`;

  const [{ count }] = await sql<{ count: string }[]>`
    SELECT COUNT(*)::text as count FROM items
  `;

  if (Number(count) === 0) {
    await sql`
      INSERT INTO items (name)
      VALUES ('apple'), ('banana'), ('carrot')
    `;
  }

  seeded = true;
}

serve({
  port: Number(process.env.PORT ?? 80),
  async fetch(req) {
    const url = new URL(req.url);
    const filter = url.searchParams.get("filter") ?? "";

    await ensureSeededOnce();

    const rows = await sql<{ name: string }[]>`
      SELECT name FROM items WHERE name ILIKE ${"%" + filter + "%"}
    `;

    return new Response(JSON.stringify(rows), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  },
});
