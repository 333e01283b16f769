//! Where an expression stops being PromQL, and what PromQL expects there.
//!
//! promql-parser reports a syntax error as `invalid promql query` (its grammar's own errors are
//! dropped) and a lexer error without a position; a type error names what is wrong, but not
//! where. The position is found by parsing prefixes: a prefix is viable when some short
//! completion of it (an operand, a duration, closing brackets) parses, and the error is at the
//! first token whose prefix is not. What is expected there is what the viable prefix before it
//! can be continued with. Only a rejected expression pays for this.

use promql_parser::parser;

/// The message promql-parser gives for every grammar error.
const INVALID: &str = "invalid promql query";

/// What `locate` found: the byte range of the offending text in the expression, and the message
/// (where, what, and what PromQL expects there).
#[derive(Debug)]
pub(crate) struct Located {
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) message: String,
}

/// The position and explanation of `error`, promql-parser's error for `expr`.
pub(crate) fn locate(expr: &str, error: &str) -> Located {
    let tokens = tokens(expr);
    let error = error.trim();
    // The first token whose prefix cannot be completed.
    let bad = tokens.iter().position(|t| !viable(&expr[..t.end]));
    let Some(bad) = bad else {
        return at_end(expr, &tokens, error);
    };
    let token = &tokens[bad];
    let text = &expr[token.start..token.end];
    let before = tokens[..bad].last().map_or(0, |t| t.end);
    let mut range = token.start..token.end;
    // A grammar or lexer error says no more than where it is; a type error says what is wrong.
    let syntax = error == INVALID || parser::lexer(expr).is_err();
    let what = if syntax {
        match expected(&expr[..before]) {
            Some(expected) => format!("`{text}` where PromQL expects {expected}"),
            None => format!("unexpected `{text}`"),
        }
    } else {
        // A type error names the function whose call it is about: point at its name.
        if let Some(function) = called_function(error)
            && let Some(start) = expr[..token.end].rfind(&format!("{function}("))
        {
            range = start..start + function.len();
        }
        format!("`{}`: {error}", &expr[range.clone()])
    };
    Located {
        message: format!("{}: {what}", position(expr, range.start)),
        range,
    }
}

/// Every token is viable, yet the whole does not parse: the expression ends early.
fn at_end(expr: &str, tokens: &[Token], error: &str) -> Located {
    let end = expr.trim_end().len();
    if let Some(&(open, close)) = open_brackets(expr, tokens).last() {
        return Located {
            range: open..open + 1,
            message: format!(
                "{}: `{}` is not closed: PromQL expects `{close}` before the end",
                position(expr, open),
                &expr[open..open + 1]
            ),
        };
    }
    let start = tokens.last().map_or(0, |t| t.start);
    let syntax = error == INVALID || parser::lexer(expr).is_err();
    let message = match (syntax, expected(&expr[..end])) {
        (true, Some(expected)) => format!("the expression ends early: PromQL expects {expected}"),
        (true, None) => "the expression ends early".to_owned(),
        (false, _) => error.to_owned(),
    };
    Located {
        range: start..end,
        message: format!("{}: {message}", position(expr, start)),
    }
}

/// `column 12`, or `line 2, column 4` in an expression of several lines; counted in characters
/// from 1.
fn position(expr: &str, offset: usize) -> String {
    let before = &expr[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    if line == 1 {
        format!("at column {column}")
    } else {
        format!("at line {line}, column {column}")
    }
}

/// `'rate'` in promql-parser's "... in call to function 'rate', got ...".
fn called_function(error: &str) -> Option<&str> {
    let rest = &error[error.find("function '")? + "function '".len()..];
    rest.split('\'').next()
}

/// What can follow `prefix`, a viable prefix, as a phrase: `an operator (such as ...) or the end
/// of the expression`.
fn expected(prefix: &str) -> Option<String> {
    let tokens = tokens(prefix);
    let closer = open_brackets(prefix, &tokens)
        .last()
        .map(|&(_, close)| close);
    let mut found: Vec<String> = Vec::new();
    let mut offer = |continuation: &str, what: &str| {
        let continued = format!("{prefix}{continuation}");
        if keeps_tokens(&tokens, &continued)
            && viable(&continued)
            && !found.iter().any(|f| f == what)
        {
            found.push(what.to_owned());
        }
    };
    offer(" x", "a metric, a number or a function call");
    offer(" 1", "a metric, a number or a function call");
    offer("5m", "a duration (such as `5m`)");
    offer(" a=\"v\"", "a label matcher (such as `code=\"500\"`)");
    offer("=\"v\"", "`=`, `!=`, `=~` or `!~`");
    offer(" \"v\"", "a string");
    offer("(", "`(`");
    offer("[1m]", "a range (such as `[5m]`)");
    offer(",", "`,`");
    if let Some(close) = closer {
        offer(&close.to_string(), &format!("`{close}`"));
    }
    offer(" > x", "an operator (such as `>`, `+` or `and`)");
    if parser::parse(prefix).is_ok() {
        found.push("the end of the expression".to_owned());
    }
    match found.len() {
        0 => None,
        1 => found.pop(),
        n => Some(format!("{} or {}", found[..n - 1].join(", "), found[n - 1])),
    }
}

/// What a prefix is completed with before its brackets are closed: nothing, an operand, a
/// duration, the rest of a label matcher, the arguments of the usual functions.
const MIDDLES: &[&str] = &[
    "",
    " x",
    " 1",
    "[1m]",
    " x[1m]",
    "(x[1m])",
    " (x)",
    " (x) (x)",
    "1m",
    " 1m",
    "=\"v\"",
    " \"v\"",
    " a=\"v\"",
    " 1, x",
    " \"v\", x",
    ", 1",
    ", 1, 1",
    " x, 1",
];

/// What follows the closed brackets: nothing, an operand, a grouping's labels.
const TAILS: &[&str] = &["", " x", " 1", " (x)"];

/// Whether some completion of `prefix` parses.
fn viable(prefix: &str) -> bool {
    let tokens = tokens(prefix);
    if tokens.last().is_some_and(|t| t.unterminated) {
        return false;
    }
    let closers: String = open_brackets(prefix, &tokens)
        .iter()
        .rev()
        .map(|&(_, close)| close)
        .collect();
    MIDDLES.iter().any(|middle| {
        let completed = format!("{prefix}{middle}");
        keeps_tokens(&tokens, &completed)
            && TAILS
                .iter()
                .any(|tail| parser::parse(&format!("{completed}{closers}{tail}")).is_ok())
    })
}

/// Whether `continued`, a prefix of `tokens` and more, still ends the prefix's last token where
/// it ended: `x` continued with `5m` is the name `x5m`, not `x` and a duration.
fn keeps_tokens(tokens: &[Token], continued: &str) -> bool {
    let Some(last) = tokens.last() else {
        return true;
    };
    self::tokens(continued)
        .get(tokens.len() - 1)
        .is_some_and(|t| t.start == last.start && t.end == last.end)
}

/// The brackets still open after `tokens`, innermost last: where each opens and what closes it.
fn open_brackets(expr: &str, tokens: &[Token]) -> Vec<(usize, char)> {
    let mut open = Vec::new();
    for t in tokens {
        match &expr[t.start..t.end] {
            "(" => open.push((t.start, ')')),
            "[" => open.push((t.start, ']')),
            "{" => open.push((t.start, '}')),
            ")" | "]" | "}" => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// A token of PromQL, as far as positions need: its byte range.
struct Token {
    start: usize,
    end: usize,
    /// A string without its closing quote.
    unterminated: bool,
}

/// The tokens of `expr`: names, numbers and durations, strings, operators, brackets; any other
/// character is a token of its own.
fn tokens(expr: &str) -> Vec<Token> {
    let bytes = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        let mut unterminated = false;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' | b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c {
                    i += if bytes[i] == b'\\' && c != b'`' { 2 } else { 1 };
                }
                if i < bytes.len() {
                    i += 1;
                } else {
                    i = bytes.len();
                    unterminated = true;
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | b':' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || b"_:".contains(&bytes[i]))
                {
                    i += 1;
                }
            }
            b'0'..=b'9' | b'.' => {
                while i < bytes.len() {
                    let b = bytes[i];
                    let exponent_sign = b"+-".contains(&b)
                        && b"eE".contains(&bytes[i - 1])
                        && !bytes[start..i]
                            .iter()
                            .any(|b| b.is_ascii_alphabetic() && !b"eExX".contains(b));
                    if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || exponent_sign {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            _ => {
                let two = expr.get(i..i + 2).unwrap_or("");
                i += if ["==", "!=", "=~", "!~", ">=", "<="].contains(&two) {
                    2
                } else {
                    // A whole character, so that ranges stay on character boundaries.
                    expr[i..].chars().next().map_or(1, char::len_utf8)
                };
            }
        }
        out.push(Token {
            start,
            end: i.min(bytes.len()),
            unterminated,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(expr: &str) -> (String, String) {
        let error = parser::parse(expr).expect_err(expr);
        let located = super::locate(expr, &error);
        (expr[located.range].to_owned(), located.message)
    }

    #[test]
    fn trailing_words_are_found_with_what_may_follow() {
        assert_eq!(
            locate("rate(shadow_errors[5m]) spike"),
            (
                "spike".to_owned(),
                "at column 25: `spike` where PromQL expects an operator (such as `>`, `+` or `and`) or the end of the expression".to_owned()
            )
        );
    }

    #[test]
    fn each_mistake_is_found_at_its_token() {
        let cases = [
            (
                "x > > 1",
                ">",
                "at column 5: `>` where PromQL expects a metric, a number or a function call",
            ),
            (
                "rate(x[5m) > 0",
                ")",
                "at column 10: `)` where PromQL expects `]`",
            ),
            ("sum by (job (rate(x[5m]))", "(", "at column 13"),
            (
                "x{code=500} > 0",
                "500",
                "at column 8: `500` where PromQL expects a string",
            ),
            (
                "x >",
                ">",
                "at column 3: the expression ends early: PromQL expects a metric, a number or a function call",
            ),
            (
                "sum(rate(x[5m])",
                "(",
                "at column 4: `(` is not closed: PromQL expects `)` before the end",
            ),
            (
                "x $ 1",
                "$",
                "at column 3: `$` where PromQL expects a range (such as `[5m]`), an operator (such as `>`, `+` or `and`) or the end of the expression",
            ),
            (
                "rate(x) > 0",
                "rate",
                "at column 1: `rate`: expected type matrix in call to function 'rate', got vector",
            ),
            (
                "x >\n  y z",
                "z",
                "at line 2, column 5: `z` where PromQL expects",
            ),
        ];
        for (expr, text, message) in cases {
            let (found, got) = locate(expr);
            assert_eq!(found, text, "{expr}: {got}");
            assert!(got.starts_with(message), "{expr}: {got}");
        }
    }
}
