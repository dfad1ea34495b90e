/**
 * The overview as a web page, opened from the bot as a Telegram Mini App. The page itself holds no
 * data; it calls the JSON API below with the `initData` Telegram gave it (`Authorization: tma …`),
 * which is verified with the bot token (init-data.ts) and names the user. Every answer is read through
 * the supervision repository as that user: a unit or township that is not theirs is a 404, the same
 * as one that does not exist. One write: a nudge (催办), authenticated as the reads are and allowed
 * only for a township the user supervises, queued in the same outbox as the chat's nudge (so a click
 * in the chat and one on the page the same day reach each member once).
 */
import { type Context, Hono } from "hono";
import {
  isLocale,
  type Locale,
  negotiateLocale,
  type Translate,
  translate,
  translator,
} from "../i18n/index.js";
import type { Database } from "../db/client.js";
import { supervisionRepository } from "../db/supervision.js";
import { checklistStatus, stepById } from "../domain/checklist/index.js";
import { buildOverview, type ProgressRow, STAGES, SLATE_RULES, townshipProgress } from "../domain/overview.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import type { Logger } from "../logging.js";
import { progressXlsx } from "../supervision/export.js";
import { fullWidthDeep } from "../supervision/punctuation.js";
import { latenessChart, phaseChart, rulesChart } from "../supervision/charts.js";
import { badgeText, nudgeReply, ruleNames, rowLine, townshipHead, townshipParts, unitSummary } from "../supervision/text.js";
import { verifyInitData } from "./init-data.js";
import { MINIAPP_SCRIPT, MINIAPP_STYLE, renderMiniAppPage } from "./miniapp-page.js";

export interface MiniAppDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
  /** The token initData is signed with: the bot's, or the local chat's stand-in. */
  botToken: string;
}

const ID = /^[\w-]{1,40}$/;

function row(t: Translate, r: ProgressRow) {
  const line = rowLine(t, r);
  return r.kind === "unit"
    ? {
        kind: r.kind,
        id: r.id,
        name: r.name,
        level: r.level,
        townships: r.townships,
        overdue: r.overdueTownships,
        notStarted: r.stages["not-started"],
        score: r.score,
        line,
      }
    : {
        kind: r.kind,
        id: r.id,
        name: r.name,
        stage: r.stage,
        badge: r.badge,
        badgeText: badgeText(t, r),
        // The row's pieces after the badge, each kept whole on a narrow screen.
        details: townshipParts(t, r).slice(1),
        done: r.done,
        overdue: r.overdue,
        daysLate: Math.max(r.daysLate, r.daysPastDeadline),
        failing: r.failing,
        failingText: r.failing.length > 0 ? ruleNames(t, r.failing) : null,
        // A township that recorded nothing has no score to show.
        score: r.stage === "not-started" ? null : r.score,
        line,
      };
}

export function miniAppRoutes(deps: MiniAppDeps): Hono {
  const app = new Hono();
  const repo = supervisionRepository(deps.db);

  /** The verified user, or a 401 saying nothing about why (missing, forged and stale look the same). */
  const authenticate = async (c: Context) => {
    const header = c.req.header("authorization") ?? "";
    const initData = header.startsWith("tma ") ? header.slice(4) : undefined;
    const result = await verifyInitData(initData, deps.botToken, deps.now());
    if (!result.ok) deps.logger.info("miniapp_refused", { reason: result.reason });
    return result.ok ? result.user : undefined;
  };
  const localeOf = (c: Context, languageCode: string | undefined): Locale => {
    const requested = c.req.query("lang");
    return isLocale(requested) ? requested : negotiateLocale(languageCode);
  };
  /** A Chinese answer with full-width punctuation throughout, whatever text it quotes (step titles, names). */
  const reply = (c: Context, locale: Locale, body: object) => c.json(locale === "zh" ? fullWidthDeep(body) : body);
  const unauthorized = (c: Context) => c.json({ error: "unauthorized" }, 401);
  const notFound = (c: Context) => c.json({ error: "not found" }, 404);

  app.get("/miniapp", (c) => {
    const requested = c.req.query("lang");
    // No inline script or style: the page's code and look are files of their own (below).
    c.header(
      "content-security-policy",
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org 'self'",
    );
    return c.html(renderMiniAppPage(isLocale(requested) ? requested : "zh"));
  });
  app.get("/miniapp/app.js", (c) => {
    c.header("content-type", "text/javascript; charset=utf-8");
    c.header("cache-control", "no-cache");
    return c.body(MINIAPP_SCRIPT);
  });
  app.get("/miniapp/app.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "no-cache");
    return c.body(MINIAPP_STYLE);
  });

  app.use("/miniapp/api/*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  app.get("/miniapp/api/overview", async (c) => {
    const user = await authenticate(c);
    if (!user) return unauthorized(c);
    let unitId = c.req.query("unit");
    if (!unitId) {
      const own = await repo.unitsOf(user.id);
      if (own.length !== 1)
        return c.json({ units: own.map((u) => ({ id: u.id, level: u.level, name: u.name })) });
      unitId = own[0]!.id;
    }
    if (!ID.test(unitId)) return notFound(c);
    const input = await repo.overviewInput(user.id, unitId);
    if (!input) return notFound(c);
    const overview = buildOverview({
      rootId: unitId,
      units: input.units,
      townships: input.townships,
      today: shanghaiDate(deps.now()),
    });
    const locale = localeOf(c, user.language_code);
    const t = translator(locale);
    const { kind: _kind, scoreSum: _sum, ...unit } = overview.root;
    return reply(c, locale, {
      today: overview.today,
      unit,
      summary: [...unitSummary(t, overview, overview.root, locale), t("overview-score-formula")],
      parent: input.parent ?? null,
      xlsx: `/miniapp/api/overview.xlsx?unit=${encodeURIComponent(unitId)}`,
      children: overview.children(unitId).map((r) => row(t, r)),
      notStarted: overview.notStarted(unitId).map((t) => ({ id: t.id, name: t.name })),
      charts: {
        phases: phaseChart(t, overview.root),
        late: latenessChart(t, overview.townshipsBelow(unitId)),
        rules: rulesChart(t, overview.root),
      },
      filters: {
        stages: STAGES.map((id) => ({ id, label: t(`stage-${id}`) })),
        rules: SLATE_RULES.filter((r) => overview.root.slateFailing[r] > 0).map((id) => ({ id, label: t(`overview-rule-${id}`) })),
      },
    });
  });

  app.get("/miniapp/api/township", async (c) => {
    const user = await authenticate(c);
    if (!user) return unauthorized(c);
    const id = c.req.query("id") ?? "";
    if (!ID.test(id)) return notFound(c);
    const township = await repo.townshipFor(user.id, id);
    if (!township) return notFound(c);
    const locale = localeOf(c, user.language_code);
    const today = shanghaiDate(deps.now());
    const progress = townshipProgress(township, today);
    return reply(c, locale, {
      id,
      name: township.plan.name,
      head: townshipHead(translator(locale), progress, township.countyName),
      county: { id: township.countyId, name: township.countyName },
      stage: progress.stage,
      score: progress.score,
      parts: progress.parts,
      slate: progress.slate,
      failing: progress.failing,
      steps: checklistStatus(township.plan, township.records, today).map((s) => ({
        id: s.stepId,
        title: translate(locale, stepById(s.stepId).title),
        phase: stepById(s.stepId).phase,
        status: s.status,
        due: s.due ?? null,
        dueText: s.due ? translate(locale, "miniapp-due", { date: formatDate(s.due, locale) }) : null,
      })),
    });
  });

  /** The overview as the county office's .xlsx (the chat's export), for the page's download button. */
  app.get("/miniapp/api/overview.xlsx", async (c) => {
    const user = await authenticate(c);
    if (!user) return unauthorized(c);
    const unitId = c.req.query("unit") ?? "";
    if (!ID.test(unitId)) return notFound(c);
    const input = await repo.overviewInput(user.id, unitId);
    if (!input) return notFound(c);
    const today = shanghaiDate(deps.now());
    const overview = buildOverview({ rootId: unitId, units: input.units, townships: input.townships, today });
    const locale = localeOf(c, user.language_code);
    const t = translator(locale);
    const bytes = await progressXlsx(t, locale, overview, unitId, input.unit.name);
    const name = t("xlsx-file", { name: input.unit.name, date: today });
    c.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    c.header("content-disposition", `attachment; filename="progress.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  });

  /** 催办 from the page: the chat's nudge (same outbox key, so once per township and day), for a township the user supervises. */
  app.post("/miniapp/api/nudge", async (c) => {
    const user = await authenticate(c);
    if (!user) return unauthorized(c);
    const body = await c.req.json().catch(() => undefined);
    const id = body && typeof body === "object" && "township" in body ? String((body as { township: unknown }).township) : "";
    if (!ID.test(id)) return notFound(c);
    const result = await repo.nudge(user.id, id, deps.now());
    if (!result) return notFound(c);
    deps.logger.info("township_nudged", { township: id, queued: result.queued, quiet: result.quiet, via: "miniapp" });
    const locale = localeOf(c, user.language_code);
    return reply(c, locale, { queued: result.queued, message: nudgeReply(translator(locale), result) });
  });

  return app;
}
