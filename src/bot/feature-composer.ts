import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";

type MaybePromise<T> = T | Promise<T>;

/**
 * grammY's Composer with a filter that decides at once. grammY's `filter` (behind `on`, `command`
 * and the rest) is lazy: for every update, at every registration it passes, it builds a Composer and
 * awaits the predicate, so an update walking past the assistant's hundred-odd registrations made
 * that many Composers and promises before reaching its feature (a tenth of the server's CPU under the
 * webhook benchmark's mix, and much of what survived into the old generation). Here a predicate that
 * answers synchronously costs one call; the chosen middleware runs exactly as grammY runs it.
 */
export class FeatureComposer<C extends Context> extends Composer<C> {
  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new Composer<C>(...middleware);
    // Read per match, as grammY does: middleware added to the returned composer later still runs.
    const run: MiddlewareFn<C> = (ctx, next) => composer.middleware()(ctx, next);
    this.use((ctx, next) => {
      const matched = predicate(ctx);
      if (matched instanceof Promise) return matched.then((yes) => (yes ? run(ctx, next) : next()));
      return matched ? run(ctx, next) : next();
    });
    return composer;
  }
}
