/**
 * Who may connect and as whom: password hashes ({@link io.tiergate.server.auth.PasswordHash}),
 * the check at connection open ({@link io.tiergate.server.auth.Authenticator}). Roles are
 * enforced where admin procedures run ({@code io.tiergate.lifecycle.admin.AdminSchema}); this
 * package knows nothing of SQL.
 */
package io.tiergate.server.auth;
