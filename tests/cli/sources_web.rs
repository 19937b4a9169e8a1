//! `report sources add` for web pages: pages in the shape of news articles (navigation, ads,
//! comments, captions, a pull quote), a real page from a Debian documentation package, saved
//! pages, charsets, and addresses fetched from a server on 127.0.0.1 (redirects, a missing
//! page, a slow one, a huge one, an image, a redirect out of http).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{assert_contains, report_in};

/// A news article as sites serve it, with the furniture around its paragraphs.
fn news_page(headline: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline} | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta name="author" content="Ana Reporter">
<style>.ad {{ color: red }}</style><script>var tracking = "SCRIPT TEXT";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe now</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div></header>
<main><article><h1>{headline}</h1><p class="byline">By Ana Reporter, 3 May 2024</p>
<figure><img src="quay.jpg"><figcaption>The old quay at dawn, before the works began.</figcaption></figure>
{body}<aside class="pullquote">“We will not be rushed,” the chair said.</aside>
<h2>What happens next</h2><p>The commission meets again in June to hear the objections.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ferry fares to rise again</a></li><li><a href="/b">Storm closes the marina</a></li></ul></aside>
<div class="ad advertisement">ADVERTISEMENT: Buy the new Seaview 3000 boat today!</div>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment">Reader123: This is a disgrace, they never listen.</div></section></main>
<footer><p>© 2024 The Harbour Gazette. All rights reserved.</p></footer></body></html>"#
    )
}

const ARTICLES: &[(&str, &[&str])] = &[
    (
        "Harbour commission delays dredging",
        &[
            "The harbour commission voted on Tuesday to postpone the dredging of the outer channel until next spring.",
            "Commissioners said the environmental survey, which found higher sediment levels than expected, needed another review.",
            "Fishing cooperatives welcomed the delay, saying the works would have disrupted the herring season.",
            "The port authority estimates that the postponement will cost about 1.2 million euros in additional fees.",
        ],
    ),
    (
        "Ferry operator wins new contract",
        &[
            "A regional ferry operator has won a ten-year contract to run the island crossing, the transport ministry said.",
            "The contract requires two new electric vessels to enter service before the end of 2027.",
            "Unions said they would seek guarantees that existing crews keep their jobs under the new arrangement.",
        ],
    ),
    (
        "Storm damage closes the marina",
        &[
            "The marina will stay closed for at least three weeks after Sunday's storm tore two pontoons from their moorings.",
            "Boat owners were told to remove their vessels or move them to the inner basin by Friday.",
            "Repairs will be paid from the council's emergency fund, the mayor said at a meeting on Monday evening.",
            "Insurers have been asked to send assessors before any salvage work begins.",
        ],
    ),
];

/// Writes an outline in `dir` citing each of `quotes` from `source`.
fn outline(dir: &Path, source: &str, quotes: &[&str]) {
    let mut text = String::from("title: T\nsections:\n  - heading: H\n    paragraphs:\n");
    for (i, quote) in quotes.iter().enumerate() {
        text.push_str(&format!(
            "      - text: Claim {i}.\n        cite:\n          source: {source}\n          quote: {}\n",
            crate::common::yaml_string(quote)
        ));
    }
    std::fs::write(dir.join("report.yaml"), text).unwrap();
}

fn catalog(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("sources/sources.yaml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn text_of(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("sources/{id}.txt"))).unwrap()
}

#[test]
fn every_paragraph_of_news_articles_verifies_and_the_furniture_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let (mut found, mut total) = (0, 0);
    for (i, (headline, paragraphs)) in ARTICLES.iter().enumerate() {
        let name = format!("article-{i}.html");
        std::fs::write(dir.path().join(&name), news_page(headline, paragraphs)).unwrap();
        let run = report_in(dir.path(), &["sources", "add", &name]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let id = format!("article-{i}");
        let text = text_of(dir.path(), &id);
        let mut quotes: Vec<&str> = paragraphs.to_vec();
        quotes.extend([
            *headline,
            "The commission meets again in June to hear the objections.",
            "What happens next",
        ]);
        total += quotes.len();
        found += quotes.iter().filter(|q| text.contains(**q)).count();
        outline(dir.path(), &id, &quotes);
        let run = report_in(dir.path(), &["check"]);
        assert_eq!(run.code, 0, "{}\n{text}", run.stdout);
        for furniture in [
            "SCRIPT TEXT",
            "color: red",
            "Subscribe now",
            "ADVERTISEMENT",
            "Reader123",
            "We use cookies",
            "Ferry fares to rise again",
        ] {
            assert!(!text.contains(furniture), "{furniture:?} in:\n{text}");
        }
        let entry = &catalog(dir.path())[&id];
        assert_eq!(entry["provenance"]["media-type"], "text/html");
        assert!(entry["title"].as_str().unwrap().starts_with(headline));
    }
    assert_eq!(found, total, "recall {found}/{total}");
}

#[test]
fn a_real_documentation_page_verifies_quote_by_quote() {
    let page = Path::new("/usr/share/doc/base-passwd/users-and-groups.html");
    let page = std::env::var_os("REPORT_REAL_HTML").map_or(page.to_owned(), Into::into);
    if !page.is_file() {
        assert!(
            std::env::var_os("REPORT_REQUIRE_TYPST").is_none(),
            "{} is missing: .ci/run provides it (base-passwd)",
            page.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&page, dir.path().join("users-and-groups.html")).unwrap();
    let run = report_in(
        dir.path(),
        &["sources", "add", "users-and-groups.html", "--id", "ug"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    outline(
        dir.path(),
        "ug",
        &[
            "The Debian base-passwd package contains the master versions of /etc/passwd and /etc/group.",
            "They comprise only \"global static\" ids",
            "Since this reservation is a serious restriction, these ids must be allocated by the base-passwd maintainer on request.",
            "This group can be used locally to give a set of users access to a floppy drive.",
            "Allows a user to add, modify, and remove printers from foomatic, cups, and possibly other printer databases.",
            "Users and Groups in the Debian System",
        ],
    );
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        catalog(dir.path())["ug"]["title"],
        "Users and Groups in the Debian System"
    );
}

#[test]
fn a_page_in_windows_1252_reads_right_and_records_its_charset() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = b"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Menu</title></head><body><article><h1>Menu</h1><p>The caf\xe9 serves cr\xe8me br\xfbl\xe9e \x96 a dessert \x93worth the trip\x94 \x85 every day of the week, from noon until the last guest leaves the terrace.</p></article></body></html>".to_vec();
    page.extend_from_slice(b"\n");
    std::fs::write(dir.path().join("menu.html"), page).unwrap();
    let run = report_in(dir.path(), &["sources", "add", "menu.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = text_of(dir.path(), "menu");
    assert_contains(
        &text,
        "The café serves crème brûlée – a dessert “worth the trip” … every day of the week",
    );
    assert_eq!(
        catalog(dir.path())["menu"]["provenance"]["converted-from"],
        "windows-1252"
    );
}

#[test]
fn saved_pages_give_their_address_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let article = news_page(ARTICLES[0].0, ARTICLES[0].1);
    let single = article.replacen(
        "<html>",
        "<html><!--\n Page saved with SingleFile \n url: https://gazette.example/harbour \n saved date: Fri May 03 2024 09:15:00 GMT+0200 (Central European Summer Time)\n-->",
        1,
    );
    let monolith = format!(
        "<!-- Saved from https://gazette.example/ferry at 2024-05-04T08:00:00Z using monolith v2.11.0 -->\n{}",
        news_page(ARTICLES[1].0, ARTICLES[1].1)
    );
    std::fs::write(dir.path().join("single.html"), single).unwrap();
    std::fs::write(dir.path().join("mono.html"), monolith).unwrap();
    for file in ["single.html", "mono.html"] {
        let run = report_in(dir.path(), &["sources", "add", file]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let catalog = catalog(dir.path());
    assert_eq!(catalog["single"]["url"], "https://gazette.example/harbour");
    assert_eq!(
        catalog["single"]["accessed"],
        "Fri May 03 2024 09:15:00 GMT+0200 (Central European Summer Time)"
    );
    assert_eq!(catalog["single"]["provenance"]["saved-by"], "SingleFile");
    assert_eq!(catalog["mono"]["url"], "https://gazette.example/ferry");
    assert_eq!(catalog["mono"]["accessed"], "2024-05-04T08:00:00Z");
    assert_eq!(catalog["mono"]["provenance"]["saved-by"], "monolith");
}

/// A server on 127.0.0.1 answering each path as `route` says, on its own thread, for as
/// long as the test runs. Returns its address.
fn serve(route: fn(&str) -> Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = request.split(' ').nth(1).unwrap_or("/").to_owned();
                let mut stream = &stream;
                let _ = stream.write_all(&route(&path));
            });
        }
    });
    address
}

fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn routes(path: &str) -> Vec<u8> {
    let html = [("Content-Type", "text/html; charset=utf-8")];
    match path {
        "/article" => response(
            "200 OK",
            &html,
            news_page(ARTICLES[2].0, ARTICLES[2].1).as_bytes(),
        ),
        "/news/harbour-vote" => response(
            "200 OK",
            &html,
            news_page(ARTICLES[0].0, ARTICLES[0].1).as_bytes(),
        ),
        "/old" => response("301 Moved Permanently", &[("Location", "/moved")], b""),
        "/moved" => response("302 Found", &[("Location", "/article")], b""),
        "/missing" => response("404 Not Found", &html, b"<p>no such page</p>"),
        "/slow" => {
            // Far past any time limit a test sets, so that a slow machine cannot make a
            // run that waited it out look like one that stopped in time.
            std::thread::sleep(Duration::from_secs(60));
            response("200 OK", &html, b"<p>late</p>")
        }
        "/huge" => {
            let mut body = b"<!DOCTYPE html><html><body><p>".to_vec();
            body.resize(70 << 20, b'a');
            response("200 OK", &html, &body)
        }
        "/image" => response(
            "200 OK",
            &[("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n",
        ),
        "/to-file" => response("302 Found", &[("Location", "file:///etc/passwd")], b""),
        "/loop" => response("302 Found", &[("Location", "/loop")], b""),
        "/notes.txt" => response(
            "200 OK",
            &[("Content-Type", "text/plain; charset=iso-8859-1")],
            b"Caf\xe9 notes from the quay.\n",
        ),
        _ => response("404 Not Found", &[], b""),
    }
}

#[test]
fn an_address_is_fetched_through_its_redirects_and_recorded() {
    let server = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{server}/old");
    let run = report_in(dir.path(), &["sources", "add", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stderr, "added source `old` (web page");
    let entry = &catalog(dir.path())["old"];
    // The catalog cites the page where it answered; the address given stays in provenance.
    assert_eq!(entry["url"], format!("{server}/article"));
    let provenance = &entry["provenance"];
    assert_eq!(provenance["original"], url);
    assert_eq!(provenance["final-url"], format!("{server}/article"));
    assert_eq!(
        provenance["redirects"],
        serde_json::json!([format!("{server}/moved"), format!("{server}/article")])
    );
    assert!(provenance["retrieved"].as_str().unwrap().ends_with('Z'));
    assert!(dir.path().join("sources/originals/old.html").is_file());
    let quotes: Vec<&str> = ARTICLES[2].1.to_vec();
    outline(dir.path(), "old", &quotes);
    assert_eq!(report_in(dir.path(), &["check"]).code, 0);

    let run = report_in(
        dir.path(),
        &["sources", "add", &format!("{server}/notes.txt")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(text_of(dir.path(), "notes"), "Café notes from the quay.\n");
}

#[test]
fn fetches_that_fail_say_why_and_leave_nothing() {
    let server = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    for (path, said) in [
        ("/missing", "the server answered 404 Not Found"),
        ("/image", "it is served as `image/png`"),
        ("/to-file", "only http and https are fetched, not `file:`"),
        ("/loop", "more than 10 redirects"),
        ("/huge", "the page is larger than 64 MiB"),
    ] {
        let run = report_in(dir.path(), &["sources", "add", &format!("{server}{path}")]);
        assert_eq!(run.code, 2, "{path}: {}", run.stderr);
        assert_contains(&run.stderr, said);
        assert_contains(&run.stderr, "cannot fetch");
    }
    let started = Instant::now();
    let run = report_in(
        dir.path(),
        &[
            "sources",
            "add",
            &format!("{server}/slow"),
            "--timeout",
            "1",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(&run.stderr, "within 1 s");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(!dir.path().join("sources").exists());
}

#[test]
fn a_web_page_quote_knows_its_paragraph_and_a_stated_one_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (headline, paragraphs) = ARTICLES[0];
    std::fs::write(dir.path().join("a.html"), news_page(headline, paragraphs)).unwrap();
    assert_eq!(report_in(dir.path(), &["sources", "add", "a.html"]).code, 0);
    let text = text_of(dir.path(), "a");
    let quote = paragraphs[2];
    let number = 1 + text.split("\n\n").position(|b| b.contains(quote)).unwrap();
    assert!(number > 2, "{text}");
    let write = |stated: usize| {
        let outline = format!(
            "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          source: a\n          quote: {quote}\n          paragraph: {stated}\n"
        );
        std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    };
    write(number);
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, &format!(", para. {number}."));
    // A quote under a heading names it; one under the title alone does not repeat it.
    let heading_quote = "The commission meets again in June to hear the objections.";
    let outline = std::fs::read_to_string(dir.path().join("report.yaml"))
        .unwrap()
        .replace(&format!("paragraph: {number}\n"), "")
        .replace(quote, heading_quote);
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, ". Under “What happens next”.");
    assert!(!run.stdout.contains("Under “Harbour"), "{}", run.stdout);
    write(number + 1);
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        &format!(
            "error[wrong-paragraph]: found in para. {number}, cited as para. {}",
            number + 1
        ),
    );
    // A hand-made text has no counted paragraphs: a stated one is a finding, never a pass.
    std::fs::write(dir.path().join("sources/plain.txt"), format!("{quote}\n")).unwrap();
    let outline = std::fs::read_to_string(dir.path().join("report.yaml"))
        .unwrap()
        .replace("source: a", "source: plain");
    std::fs::write(dir.path().join("report.yaml"), outline).unwrap();
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "the paragraphs of `plain` are not counted");
}

/// The README's walkthrough, from a PDF and a web page to a checked briefing: its commands run
/// as written (the PDF's path and the page's server aside), say what the README shows, and a
/// stated page is checked and printed in the footnote, beside a web page's paragraph.
#[test]
fn the_readme_walkthrough_from_a_pdf_and_a_web_page_runs() {
    if !crate::common::pdf_tools() {
        return;
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("### From a PDF and a web page to a checked briefing")
        .expect("the walkthrough")..];
    let blocks: Vec<&str> = section.split("```").skip(1).step_by(2).take(2).collect();
    let commands: Vec<&str> = blocks[0]
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    let shown: Vec<&str> = blocks[1]
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");

    let dir = tempfile::tempdir().unwrap();
    let source = "#set page(footer: context align(center)[#counter(page).display()])\n\
        An opening page.\n#pagebreak()\n\
        The commission reviewed the infrastructure programme and published its findings.\n\
        #pagebreak()\nA closing page.";
    let pdf = crate::sources_add::typeset(dir.path(), "harbour-review.pdf", source);
    let server = serve(routes);
    let mut said = Vec::new();
    for command in &commands[..2] {
        let command = command
            .replace("~/Downloads/harbour-review.pdf", pdf.to_str().unwrap())
            .replace("https://gazette.example", &server);
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let run = report_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        said.push(run.stderr);
    }
    let first: Vec<&str> = said[0].lines().collect();
    assert_eq!(first.len(), shown.len(), "{}", said[0]);
    for (line, shown) in first.iter().zip(&shown) {
        let stem = shown.split(['(', ':']).next().unwrap();
        assert!(line.starts_with(stem), "{line:?} is not like {shown:?}");
    }
    assert_contains(&said[1], "added source `harbour-vote` (web page");

    let quote = ARTICLES[0].1[1];
    let cite = |page: i64| {
        format!(
            "title: T\nsections:\n  - heading: H\n    paragraphs:\n      - text: A claim.\n        cite:\n          - source: harbour\n            quote: The commission reviewed the infrastructure programme\n            page: {page}\n          - source: harbour-vote\n            quote: {quote}\n"
        )
    };
    std::fs::write(dir.path().join("report.yaml"), cite(2)).unwrap();
    assert_eq!(commands[2], "report check");
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = report_in(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["verified"][0]["source"], "harbour");
    assert_eq!(json["verified"][0]["pages"], serde_json::json!([2, 2]));
    assert_eq!(json["verified"][1]["pages"], serde_json::Value::Null);
    assert!(json["verified"][1]["paragraphs"][0].as_i64().unwrap() > 1);
    let run = report_in(dir.path(), &["render", "--format", "md", "-o", "-"]);
    assert_contains(&run.stdout, "infrastructure programme” — *harbour*, ");
    assert_contains(&run.stdout, ", p. 2.\n");
    assert_contains(
        &run.stdout,
        &format!("“{quote}” — Ana Reporter, “Harbour Commission Delays Dredging"),
    );
    assert_contains(&run.stdout, ", para. ");

    std::fs::write(dir.path().join("report.yaml"), cite(1)).unwrap();
    let run = report_in(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "error[wrong-page]: found on p. 2, cited as p. 1",
    );
    assert_contains(&run.stdout, "help: write `page: 2`");
}
