/**
 * The template routes of the HTTP API, for `herald templates propose|submit|approve|import`: a
 * change to what Herald says is made as the API token's verified person, never as a name typed here.
 */
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import type { TemplateTexts } from '../../activities/templates/template-texts.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

export class ApiTemplates {
  readonly #url: string;
  readonly #token: string;

  constructor(url: string, token: string) {
    this.#url = url.replace(/\/+$/, '');
    this.#token = token;
  }

  /** The API client from HERALD_API_URL and HERALD_API_TOKEN; exits 2 without them. */
  static of(ctx: CliContext): ApiTemplates {
    const { HERALD_API_URL: url, HERALD_API_TOKEN: token } = ctx.config;
    if (!url || !token) {
      throw new CommandExit(
        EXIT.usage,
        'changing templates goes through the HTTP API as your token: set HERALD_API_URL and HERALD_API_TOKEN',
      );
    }
    return new ApiTemplates(url, token);
  }

  propose(templateId: string, locale: string, texts: TemplateTexts, note?: string): Promise<TemplateVersion> {
    return this.#post(`/v1/templates/${templateId}/${locale}`, { texts, ...(note ? { note } : {}) });
  }

  submit(templateId: string, locale: string, version: number): Promise<TemplateVersion> {
    return this.#post(`/v1/templates/${templateId}/${locale}/${version}/submit`, {});
  }

  approve(templateId: string, locale: string, version: number): Promise<TemplateVersion> {
    return this.#post(`/v1/templates/${templateId}/${locale}/${version}/approve`, {});
  }

  async #post(path: string, body: unknown): Promise<TemplateVersion> {
    let res: Response;
    try {
      res = await fetch(`${this.#url}${encodeURI(path)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.#token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new CommandExit(EXIT.error, `cannot reach the HTTP API at ${this.#url}: ${(err as Error).message}`);
    }
    const answer = (await res.json().catch(() => ({}))) as TemplateVersion & { detail?: string };
    if (res.ok) return answer;
    const why = answer.detail ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new CommandExit(EXIT.usage, `HERALD_API_TOKEN was not accepted: ${why}`);
    if (res.status === 400) throw new CommandExit(EXIT.usage, why);
    if (res.status === 404) throw new CommandExit(EXIT.notFound, why);
    if (res.status === 403 || res.status === 409) throw new CommandExit(EXIT.rejected, why);
    throw new CommandExit(EXIT.error, `${this.#url}: ${why}`);
  }
}
