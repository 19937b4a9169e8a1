//! Property: any text the Typst escaper writes, placed as the template places it (`#"…";`),
//! parses without errors into exactly one string literal whose value is the text.
//!
//! The parser is `typst-syntax` 0.14, the syntax of the Typst release users compile with.
//! Shared by the `typst_escape` fuzz target and `tests/cli/fuzz_regressions.rs`.

use report::render::typst::escape;
use typst_syntax::{SyntaxKind, SyntaxNode, ast};

/// Checks the property for one input; panics when it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let body = escape(text);
    let source = format!("#\"{body}\";");
    let root = typst_syntax::parse(&source);
    let errors: Vec<_> = root.errors().into_iter().map(|e| e.message).collect();
    assert!(
        errors.is_empty(),
        "{source:?} has syntax errors: {errors:?}"
    );
    let mut strings = Vec::new();
    collect_strings(&root, &mut strings);
    let [literal] = strings.as_slice() else {
        panic!("{source:?} holds {} string literals", strings.len());
    };
    assert_eq!(
        literal.text().as_str(),
        format!("\"{body}\""),
        "the literal is not the whole of {source:?}"
    );
    let value = literal.cast::<ast::Str>().expect("a string node").get();
    assert_eq!(value.as_str(), text, "the value of {source:?}");
}

/// Every string literal node under `node`, in order.
fn collect_strings<'a>(node: &'a SyntaxNode, out: &mut Vec<&'a SyntaxNode>) {
    if node.kind() == SyntaxKind::Str {
        out.push(node);
    }
    for child in node.children() {
        collect_strings(child, out);
    }
}
