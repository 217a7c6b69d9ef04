"use client";
/**
 * YAML for display only: a line tokenizer for what the translator emits (block mappings and sequences,
 * plain and quoted scalars, comments). Text is rendered as React text nodes, never as HTML.
 */
import type { ReactNode } from "react";

function scalar(text: string, key: string): ReactNode {
  if (text === "") return null;
  const trimmed = text.trim();
  let className = "y-str";
  if (/^(true|false|null|~)$/.test(trimmed)) className = "y-bool";
  else if (/^-?\d+(\.\d+)?$/.test(trimmed)) className = "y-num";
  else if (/^[[\]{}|>-]+$/.test(trimmed)) className = "y-punct";
  return (
    <span key={key} className={className}>
      {text}
    </span>
  );
}

export function highlightYamlLine(line: string, index: number): ReactNode {
  const comment = /^(\s*)(#.*)$/.exec(line);
  if (comment) {
    return (
      <span key={index}>
        {comment[1]}
        <span className="y-com">{comment[2]}</span>
        {"\n"}
      </span>
    );
  }
  // indentation, optional "- " sequence markers, optional key (plain or quoted) followed by ":", then the value.
  const match = /^(\s*)((?:- )*)((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#"'][^:#]*?)\s*:(?=\s|$))?(.*)$/.exec(line);
  if (!match)
    return (
      <span key={index}>
        {line}
        {"\n"}
      </span>
    );
  const [, indent, dashes, key, rest] = match;
  return (
    <span key={index}>
      {indent}
      {dashes ? <span className="y-punct">{dashes}</span> : null}
      {key ? <span className="y-key">{key}</span> : null}
      {scalar(rest, "v")}
      {"\n"}
    </span>
  );
}

export function YamlView({ text, label }: { text: string; label: string }) {
  return (
    <pre className="yaml" aria-label={label} tabIndex={0} data-testid="yaml-preview">
      <code>{text.split("\n").map((line, i) => highlightYamlLine(line, i))}</code>
    </pre>
  );
}
