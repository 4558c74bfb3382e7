/**
 * The admins' status page at {@code GET /ui}: {@link io.tiergate.server.ui.StatusPage} gathers
 * a {@link io.tiergate.server.ui.StatusModel} from the objects behind the system tables (the
 * storage report and policies, the migration jobs, the alert evaluator, the query log),
 * {@link io.tiergate.server.ui.StatusHtml} renders it as one self-contained page with
 * {@link io.tiergate.server.ui.SvgBars} charts, and {@link io.tiergate.server.ui.StatusEndpoint}
 * lets only the admin role see it. It runs no SQL and knows no store: a store down costs its
 * section, not the page. No script and no external resource, so there is no JavaScript build.
 */
package io.tiergate.server.ui;
