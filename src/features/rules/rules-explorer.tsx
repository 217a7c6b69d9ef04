"use client";
/**
 * Every DFW rule in evaluation order (category → policy → rule order), filtered and searched server-side,
 * rendered through a hand-written window: only the rows in view (plus a small overscan) exist in the DOM,
 * and only the 100-row pages those rows fall in are fetched, so 30,000 rules scroll as smoothly as 300.
 */
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { TRef, TRuleRow } from "../../server/services/rule-rows.ts";
import { useTRPC } from "../../trpc/client.tsx";
import { ActionBadge } from "../../ui/badges.tsx";
import { Badge, EmptyState, ErrorAlert, LoadingBlock, PageHeader } from "../../ui/components.tsx";

const CATEGORIES = ["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"] as const;
const ACTIONS = ["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"] as const;
const ROW_HEIGHT = 46;
const PAGE = 100;
const VIEW_HEIGHT = 620;
const OVERSCAN = 8;

function refsText(refs: TRef[], negated = false): string {
  const text = refs.map((r) => r.label).join(", ");
  return negated ? `NOT (${text})` : text;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function RulesExplorer({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const [categories, setCategories] = useState<(typeof CATEGORIES)[number][]>([]);
  const [actions, setActions] = useState<(typeof ACTIONS)[number][]>([]);
  const [searchInput, setSearchInput] = useState("");
  const [includeDisabled, setIncludeDisabled] = useState(true);
  const search = useDeferredValue(searchInput.trim());
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 200);
    return () => clearTimeout(timer);
  }, [search]);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const filter = useMemo(
    () => ({ estateId, categories, actions, search: debounced || undefined, includeDisabled }),
    [estateId, categories, actions, debounced, includeDisabled],
  );

  const first = useQuery({ ...trpc.rules.page.queryOptions({ ...filter, offset: 0, limit: PAGE }), placeholderData: keepPreviousData });
  const total = first.data?.total ?? 0;
  const importId = first.data?.importId ?? null;

  // A new filter starts at the top with nothing selected (state adjusted during render, DOM in an effect).
  const [shownFilter, setShownFilter] = useState(filter);
  if (shownFilter !== filter) {
    setShownFilter(filter);
    setScrollTop(0);
    setFocusIndex(0);
    setSelected(null);
  }
  useEffect(() => {
    viewport.current?.scrollTo({ top: 0 });
  }, [filter]);

  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(total, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  // The focused row stays mounted (and its page loaded) while it is scrolled out of view, so keyboard focus
  // survives scrolling and Tab always finds the table's one focusable row.
  const focusOutside = focusIndex < total && (focusIndex < start || focusIndex >= end);
  const pages = useMemo(() => {
    const out: number[] = [];
    for (let p = Math.floor(start / PAGE); p * PAGE < Math.max(end, 1); p++) out.push(p);
    const focusPage = Math.floor(focusIndex / PAGE);
    if (focusOutside && !out.includes(focusPage)) out.push(focusPage);
    return out;
  }, [start, end, focusIndex, focusOutside]);
  const pageQueries = useQueries({
    queries: pages.map((p) => ({ ...trpc.rules.page.queryOptions({ ...filter, offset: p * PAGE, limit: PAGE }), staleTime: 60_000 })),
  });
  const rowAt = (index: number): TRuleRow | undefined => {
    const page = Math.floor(index / PAGE);
    const query = pageQueries[pages.indexOf(page)];
    return query?.data?.rows[index - page * PAGE];
  };

  const selectedRow = selected === null ? undefined : rowAt(selected);
  const detail = useQuery({
    ...trpc.rules.detail.queryOptions({
      estateId,
      importId: importId ?? "00000000-0000-4000-8000-000000000000",
      position: selectedRow?.position ?? 0,
    }),
    enabled: importId !== null && selectedRow !== undefined,
  });

  const moveFocus = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setFocusIndex(clamped);
    const el = viewport.current;
    if (!el) return;
    const top = clamped * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + VIEW_HEIGHT - ROW_HEIGHT) el.scrollTop = top - VIEW_HEIGHT + 2 * ROW_HEIGHT;
    requestAnimationFrame(() => viewport.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus());
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 12, PageUp: -12 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      moveFocus(index + step);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      moveFocus(event.key === "Home" ? 0 : total - 1);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setSelected(index);
    }
  };

  const indexes: number[] = [];
  if (focusOutside && focusIndex < start) indexes.push(focusIndex);
  for (let index = start; index < end; index++) indexes.push(index);
  if (focusOutside && focusIndex >= end) indexes.push(focusIndex);
  const rows = [];
  for (const index of indexes) {
    const row = rowAt(index);
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected === index}
        data-index={index}
        tabIndex={index === focusIndex ? 0 : -1}
        className={`vrow${selected === index ? " selected" : ""}${row?.disabled ? " disabled" : ""}`}
        style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
        onClick={() => {
          setSelected(index);
          setFocusIndex(index);
        }}
        onKeyDown={(event) => onKey(event, index)}
        data-testid="rule-row"
      >
        {row ? (
          <>
            <span role="cell" className="c-pos mono">
              {row.position + 1}
            </span>
            <span role="cell" className="c-policy">
              <span className="cat">{row.category}</span>
              <span className="truncate" title={row.policyName}>
                {row.policyName}
              </span>
            </span>
            <span role="cell" className="c-order mono">
              {row.order}
            </span>
            <span role="cell" className="c-name">
              <span className="truncate" title={row.name}>
                {row.name}
              </span>
              <span className="mono muted truncate">{row.ruleId ?? row.id}</span>
            </span>
            <span role="cell" className="c-refs truncate" title={refsText(row.sources, row.sourcesExcluded)}>
              {refsText(row.sources, row.sourcesExcluded)}
            </span>
            <span role="cell" className="c-refs truncate" title={refsText(row.destinations, row.destinationsExcluded)}>
              {refsText(row.destinations, row.destinationsExcluded)}
            </span>
            <span
              role="cell"
              className="c-refs truncate"
              title={row.services.map((s) => `${s.label}${s.detail ? ` (${s.detail})` : ""}`).join(", ")}
            >
              {row.services.map((s) => s.label).join(", ")}
            </span>
            <span role="cell" className="c-refs truncate" title={refsText(row.appliedTo)}>
              {refsText(row.appliedTo)}
            </span>
            <span role="cell" className="c-action">
              <ActionBadge action={row.action} disabled={row.disabled} />
            </span>
            <span role="cell" className="c-dir mono">
              {row.direction}
            </span>
            <span role="cell" className="c-log">
              {row.logged ? <Badge tone="info">log</Badge> : <span className="sr-only">not logged</span>}
            </span>
          </>
        ) : (
          <span role="cell" className="c-loading">
            <span className="skeleton" style={{ display: "block", width: "80%" }} />
          </span>
        )}
      </div>,
    );
  }

  return (
    <>
      <PageHeader
        title="DFW rules"
        subtitle="Every rule in the order NSX evaluates it: category, then policy sequence, then rule sequence."
      />
      <section className="card stack" aria-label="Filter rules">
        <div className="row filter-bar">
          <div className="field" style={{ flex: "1 1 280px", margin: 0 }}>
            <label htmlFor="rule-search">Search</label>
            <input
              id="rule-search"
              type="search"
              placeholder="Rule name, id, group, service, IP…"
              value={searchInput}
              onChange={(e) => setSearchInput(e.target.value)}
            />
          </div>
          <fieldset className="chips">
            <legend>Category</legend>
            {CATEGORIES.map((c) => (
              <label key={c} className="chip">
                <input type="checkbox" checked={categories.includes(c)} onChange={() => setCategories((list) => toggle(list, c))} /> {c}
              </label>
            ))}
          </fieldset>
          <fieldset className="chips">
            <legend>Action</legend>
            {ACTIONS.map((a) => (
              <label key={a} className="chip">
                <input type="checkbox" checked={actions.includes(a)} onChange={() => setActions((list) => toggle(list, a))} />{" "}
                {a === "JUMP_TO_APPLICATION" ? "JUMP" : a}
              </label>
            ))}
          </fieldset>
          <label className="chip">
            <input type="checkbox" checked={includeDisabled} onChange={(e) => setIncludeDisabled(e.target.checked)} /> Show disabled
          </label>
        </div>
        <div className="muted" role="status" aria-live="polite" data-testid="rule-count">
          {first.isPending
            ? "Loading rules…"
            : `${total.toLocaleString("en")} rule${total === 1 ? "" : "s"}${debounced || categories.length || actions.length || !includeDisabled ? " match" : ""}`}
        </div>
      </section>
      {first.error ? <ErrorAlert error={first.error} /> : null}
      {first.isPending ? <LoadingBlock lines={6} label="Loading rules" /> : null}
      {first.data && first.data.importId === null ? (
        <div className="card">
          <EmptyState title="No estate imported yet">Upload an NSX export to see its rules here.</EmptyState>
        </div>
      ) : null}
      {first.data && first.data.importId !== null ? (
        <div className="explorer">
          <div className="vtable card" role="table" aria-label="DFW rules" aria-rowcount={total + 1}>
            <div role="row" aria-rowindex={1} className="vhead">
              <span role="columnheader" className="c-pos">
                #
              </span>
              <span role="columnheader" className="c-policy">
                Category / policy
              </span>
              <span role="columnheader" className="c-order">
                Order
              </span>
              <span role="columnheader" className="c-name">
                Rule
              </span>
              <span role="columnheader" className="c-refs">
                Sources
              </span>
              <span role="columnheader" className="c-refs">
                Destinations
              </span>
              <span role="columnheader" className="c-refs">
                Services
              </span>
              <span role="columnheader" className="c-refs">
                Applied-To
              </span>
              <span role="columnheader" className="c-action">
                Action
              </span>
              <span role="columnheader" className="c-dir">
                Dir.
              </span>
              <span role="columnheader" className="c-log">
                Log
              </span>
            </div>
            {total === 0 ? (
              <EmptyState title="No rule matches">Clear a filter or change the search.</EmptyState>
            ) : (
              <div
                ref={viewport}
                className="vviewport"
                style={{ height: VIEW_HEIGHT }}
                onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
                data-testid="rules-viewport"
              >
                <div style={{ height: total * ROW_HEIGHT, position: "relative" }}>{rows}</div>
              </div>
            )}
          </div>
          <aside className="card rule-detail" aria-label="Rule details" data-testid="rule-detail">
            {selectedRow === undefined ? (
              <EmptyState title="Select a rule">Click a row or press Enter on it to see its groups, members and services.</EmptyState>
            ) : (
              <RuleDetails row={selectedRow} groups={detail.data?.groups} loading={detail.isPending} error={detail.error} />
            )}
          </aside>
        </div>
      ) : null}
    </>
  );
}

function RefList({ title, refs, negated }: { title: string; refs: TRef[]; negated?: boolean }) {
  return (
    <div>
      <h3>
        {title} {negated ? <Badge tone="warn">negated</Badge> : null}
      </h3>
      <ul className="plain">
        {refs.map((r, i) => (
          <li key={`${r.ref}-${i}`}>
            <strong>{r.label}</strong>{" "}
            {r.kind !== "any" && r.ref !== r.label && r.ref !== "inline" ? <span className="mono muted">{r.ref}</span> : null}
            {r.detail ? <div className="mono">{r.detail}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RuleDetails({
  row,
  groups,
  loading,
  error,
}: {
  row: TRuleRow;
  groups?: { path: string; name: string; expression: string; memberCount: number; members: string[]; addresses: string[] }[];
  loading: boolean;
  error: unknown;
}) {
  return (
    <div className="stack">
      <div>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 style={{ margin: 0 }}>{row.name}</h2>
          <ActionBadge action={row.action} disabled={row.disabled} />
        </div>
        <div className="muted">
          {row.category} · {row.policyName} · rule {row.order} (sequence {row.sequenceNumber})
        </div>
        <dl className="kv">
          <dt>Id</dt>
          <dd className="mono">
            {row.id}
            {row.ruleId !== undefined ? ` · rule_id ${row.ruleId}` : ""}
          </dd>
          <dt>Direction</dt>
          <dd>
            {row.direction} · {row.ipProtocol}
          </dd>
          <dt>Logging</dt>
          <dd>{row.logged ? "on" : "off"}</dd>
          <dt>State</dt>
          <dd>{row.disabled ? "disabled (never matches)" : "enabled"}</dd>
          {row.profiles.length > 0 ? (
            <>
              <dt>Context profiles</dt>
              <dd>
                {row.profiles.join(", ")} <span className="muted">(L7, outside the L3/L4 model)</span>
              </dd>
            </>
          ) : null}
          {row.tag ? (
            <>
              <dt>Tag</dt>
              <dd>{row.tag}</dd>
            </>
          ) : null}
          {row.notes ? (
            <>
              <dt>Notes</dt>
              <dd>{row.notes}</dd>
            </>
          ) : null}
          {row.source ? (
            <>
              <dt>Source</dt>
              <dd className="mono">
                {row.source.file} {row.source.where}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      <RefList title="Sources" refs={row.sources} negated={row.sourcesExcluded} />
      <RefList title="Destinations" refs={row.destinations} negated={row.destinationsExcluded} />
      <RefList title="Services" refs={row.services} />
      <RefList title={`Applied-To (${row.appliedToFrom === "policy" ? "from the policy" : "the rule's own"})`} refs={row.appliedTo} />
      <div>
        <h3>Groups</h3>
        {loading ? <LoadingBlock lines={2} label="Loading groups" /> : null}
        {error ? <ErrorAlert error={error} /> : null}
        {groups && groups.length === 0 ? <p className="muted">This rule names no group.</p> : null}
        {groups?.map((g) => (
          <div key={g.path} className="group-card">
            <strong>{g.name}</strong> <span className="mono muted">{g.path}</span>
            <div className="mono expr">{g.expression}</div>
            <div className="muted">
              {g.memberCount} VM{g.memberCount === 1 ? "" : "s"}
              {g.addresses.length > 0 ? ` · addresses ${g.addresses.join(", ")}` : ""}
            </div>
            {g.members.length > 0 ? (
              <div className="members">
                {g.members.join(", ")}
                {g.memberCount > g.members.length ? ` … and ${g.memberCount - g.members.length} more` : ""}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
