"use client";
/** "Can A reach B?": one flow evaluated on both sides, with both traces. */
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/client.tsx";
import { EmptyState, ErrorAlert, LoadingBlock } from "../../ui/components.tsx";
import { Trace } from "./flow-trace.tsx";

export function FlowQuery({ estateId }: { estateId: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ src: "", dst: "", protocol: "TCP" as "TCP" | "UDP" | "SCTP" | "ICMP" | "ICMPv6", port: "443" });
  const [asked, setAsked] = useState<typeof form | null>(null);
  const suggestions = useQuery(trpc.equivalence.endpoints.queryOptions({ estateId, search: "" }));
  const l4 = form.protocol === "TCP" || form.protocol === "UDP" || form.protocol === "SCTP";
  const input = asked
    ? {
        estateId,
        src: asked.src,
        dst: asked.dst,
        protocol: asked.protocol,
        ...(asked.port !== ""
          ? asked.protocol === "ICMP" || asked.protocol === "ICMPv6"
            ? { icmpType: Number(asked.port) }
            : { port: Number(asked.port) }
          : {}),
      }
    : { estateId, src: "-", dst: "-", protocol: "TCP" as const };
  const answer = useQuery({ ...trpc.equivalence.query.queryOptions(input), enabled: asked !== null, retry: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ ...form });
  };
  return (
    <section className="card stack" style={{ marginTop: 16 }} aria-labelledby="query-heading">
      <h2 id="query-heading">Can A reach B?</h2>
      <form className="row" style={{ alignItems: "flex-end" }} onSubmit={submit} data-testid="flow-query">
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-src">Source (VM name or IP)</label>
          <input
            id="q-src"
            type="text"
            list="q-vms"
            required
            value={form.src}
            onChange={(e) => setForm({ ...form, src: e.target.value })}
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-dst">Destination (VM name or IP)</label>
          <input
            id="q-dst"
            type="text"
            list="q-vms"
            required
            value={form.dst}
            onChange={(e) => setForm({ ...form, dst: e.target.value })}
          />
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-proto">Protocol</label>
          <select
            id="q-proto"
            value={form.protocol}
            onChange={(e) => setForm({ ...form, protocol: e.target.value as typeof form.protocol })}
          >
            {["TCP", "UDP", "SCTP", "ICMP", "ICMPv6"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="q-port">{l4 ? "Port" : "ICMP type"}</label>
          <input
            id="q-port"
            type="number"
            min={0}
            max={l4 ? 65535 : 255}
            value={form.port}
            onChange={(e) => setForm({ ...form, port: e.target.value })}
            style={{ width: 100 }}
          />
        </div>
        <button type="submit" className="btn">
          Trace on both sides
        </button>
        <datalist id="q-vms">
          {suggestions.data?.map((s) => (
            <option key={s.name} value={s.name}>
              {s.app} {s.ip}
            </option>
          ))}
        </datalist>
      </form>
      {answer.isFetching ? <LoadingBlock lines={2} label="Evaluating" /> : null}
      {answer.error ? <ErrorAlert error={answer.error} /> : null}
      {answer.data && !answer.isFetching ? (
        <div className="stack" data-testid="flow-answer">
          <div className={`alert ${answer.data.agree === false ? "error" : "info"}`} role="status">
            <strong>
              {asked?.src} → {asked?.dst} {answer.data.flowText}:
            </strong>{" "}
            NSX {answer.data.nsx.verdict === "allow" ? "allows" : "denies"} it
            {answer.data.k8s
              ? `; Kubernetes ${answer.data.k8s.verdict === "allow" ? "allows" : "denies"} it${answer.data.agree ? " — both sides agree" : " — the sides DISAGREE"}`
              : "; no translation to compare yet"}
            .
          </div>
          <div className="grid cols-2">
            <Trace result={answer.data.nsx} title="NSX (vNIC OUT, then IN)" />
            {answer.data.k8s ? (
              <Trace result={answer.data.k8s} title={`Kubernetes (${answer.data.k8sSrc} → ${answer.data.k8sDst})`} />
            ) : (
              <EmptyState title="No Kubernetes side yet">Translate the estate to compare.</EmptyState>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
