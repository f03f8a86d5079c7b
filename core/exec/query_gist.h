#pragma once

// Another session's query, as diagnostics may show it: its command and the relations it names
// ("UPDATE public.orders"), never its text. A literal in someone else's query (a password, a
// token, a customer's e-mail) must not reach Bellows' log, ledger or screen.

#include <QString>

namespace bellows::exec {

// "UPDATE public.orders", "SELECT public.a, public.b; COMMIT", "ALTER TABLE public.t";
// an unparsable query gives "(not parsed)"; an empty one, "".
QString queryGist(const QString& query);

} // namespace bellows::exec
