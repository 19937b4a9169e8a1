//! `report render --format html`, read by a real headless Chromium over the DevTools protocol:
//! the text a reader sees holds every quote exactly, each note's button opens its evidence
//! with the quote marked, Tab reaches the notes and Escape closes them; hostile text shows as
//! text.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::common::{copy_fixture, report_in, tool};

/// A headless Chromium driven over `--remote-debugging-pipe` (messages separated by NUL on
/// file descriptors 3 and 4).
struct Browser {
    child: Child,
    to: std::fs::File,
    from: BufReader<std::fs::File>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let program = ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|p| which(p))
            .expect("a Chromium on PATH");
        let profile = tempfile::tempdir().unwrap();
        let (to_child, to_us) = (pipe(), pipe());
        let (child_reads, child_writes) = (to_child.0, to_us.1);
        let mut command = Command::new(program);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                // A container's /dev/shm may be too small for two Chromiums at once.
                "--disable-dev-shm-usage",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--window-size=1000,1400",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) run between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // Copied above 3 and 4 first (the copies closed on exec), so that neither
                // end is one of them (dup2 onto itself would keep the close-on-exec flag) or
                // is overwritten by the other; dup2 leaves 3 and 4 open across exec.
                let reads = libc::fcntl(child_reads, libc::F_DUPFD_CLOEXEC, 10);
                let writes = libc::fcntl(child_writes, libc::F_DUPFD_CLOEXEC, 10);
                if reads < 0 || writes < 0 || libc::dup2(reads, 3) < 0 || libc::dup2(writes, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("Chromium starts");
        // SAFETY: the descriptors came from pipe() and are owned here alone.
        let (to, from) = unsafe {
            use std::os::fd::FromRawFd;
            libc::close(child_reads);
            libc::close(child_writes);
            (
                std::fs::File::from_raw_fd(to_child.1),
                std::fs::File::from_raw_fd(to_us.0),
            )
        };
        let mut browser = Browser {
            child,
            to,
            from: BufReader::new(from),
            session: String::new(),
            next: 0,
            _profile: profile,
        };
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_owned();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        let session = browser.session.clone();
        browser.call(Some(&session), "Page.navigate", json!({ "url": url }));
        // Until the page is the one asked for, and loaded.
        let ready = format!(
            "document.readyState === 'complete' && location.href === {}",
            json!(url)
        );
        let start = std::time::Instant::now();
        while browser.try_eval(&ready) != Some(json!(true)) {
            assert!(start.elapsed().as_secs() < 20, "the page did not load");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        browser
    }

    /// Sends `method` and waits for its answer.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let answer = self.send(session, method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// The value of `expression`, or `None` if it could not be had (a page still loading).
    fn try_eval(&mut self, expression: &str) -> Option<Value> {
        let session = self.session.clone();
        let answer = self.send(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        answer["result"]["result"].get("value").cloned()
    }

    /// Sends `method` and returns the whole answer.
    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        loop {
            let mut raw = Vec::new();
            self.from.read_until(0, &mut raw).unwrap();
            assert!(!raw.is_empty(), "Chromium closed the pipe");
            raw.pop();
            let answer: Value = serde_json::from_slice(&raw).unwrap();
            if answer["id"] == json!(self.next) {
                return answer;
            }
        }
    }

    /// The value of the JavaScript `expression` in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let session = self.session.clone();
        let result = self.call(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(result.get("exceptionDetails").is_none(), "{result}");
        result["result"]["value"].clone()
    }

    /// Presses and releases a key.
    fn press(&mut self, key: &str, code: u32) {
        let session = self.session.clone();
        // A key that types (Enter) activates a button only with its text.
        let text = match key {
            "Enter" => "\r",
            _ => "",
        };
        for kind in ["keyDown", "keyUp"] {
            let mut event =
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code });
            if kind == "keyDown" && !text.is_empty() {
                event["text"] = json!(text);
            }
            self.call(Some(&session), "Input.dispatchKeyEvent", event);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A pipe closed on exec: the programs other tests start meanwhile do not keep its ends
/// open, so a Chromium that dies is seen to close its end. The child's own copies (`dup2`
/// onto 3 and 4) do not carry the flag.
fn pipe() -> (i32, i32) {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2() writes.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    (fds[0], fds[1])
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

fn chromium() -> bool {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .any(which);
    if !found {
        return tool("chromium");
    }
    found
}

/// The bytes of standard base64 `text`.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().fold(0u32, |n, d| n << 6 | u32::from(*d)) << (6 * (4 - chunk.len()));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// Whitespace runs as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render_html(dir: &Path) -> String {
    let run = report_in(dir, &["render", "--format", "html"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = dir.join("report.html");
    format!("file://{}", page.canonicalize().unwrap().display())
}

#[test]
fn every_quote_reads_exactly_and_every_note_opens_its_evidence() {
    if !chromium() {
        return;
    }
    let dir = copy_fixture("all-verified");
    let url = render_html(dir.path());
    let mut browser = Browser::open(&url);
    let text = flat(browser.eval("document.body.innerText").as_str().unwrap());
    // The outline's quotes, as the reader sees them in the notes.
    for quote in [
        "The council approved the harbour plan on 3 March",
        "The mayor called it \"a historic step\" for the town.",
        "Critics said the budget “was never realistic”",
    ] {
        assert!(text.contains(quote), "{quote} in {text}");
    }
    // Each note's button opens a popover whose marked passage is its quote.
    let notes = browser.eval(
        "[...document.querySelectorAll('button.ref')].map(b => { const p = document.getElementById(b.getAttribute('popovertarget')); return [b.textContent, p ? p.querySelector('mark')?.textContent : null]; })",
    );
    let notes = notes.as_array().unwrap();
    assert_eq!(notes.len(), 4, "{notes:?}");
    // The first is the quotation in the paragraph's own text.
    let quotes = [
        "a historic step",
        "The council approved the harbour plan on 3 March",
        "The mayor called it \"a historic step\" for the town.",
        "Critics said the budget “was never realistic”",
    ];
    for (note, quote) in notes.iter().zip(quotes) {
        assert_eq!(flat(note[1].as_str().unwrap_or_default()), quote, "{note}");
    }
    for (note, number) in notes.iter().zip(1..) {
        assert_eq!(note[0], json!(number.to_string()));
    }
    // Tab reaches the first note; Enter opens its evidence; Escape closes it.
    browser.press("Tab", 9);
    let focused = browser.eval("document.activeElement.getAttribute('popovertarget')");
    assert_eq!(focused, json!("evidence-1"));
    browser.press("Enter", 13);
    let open = browser.eval("document.getElementById('evidence-1').matches(':popover-open')");
    assert_eq!(open, json!(true));
    // A screenshot of the open evidence, for a person to look at: REPORT_SCREENSHOT=file.png.
    if let Some(path) = std::env::var_os("REPORT_SCREENSHOT") {
        let session = browser.session.clone();
        let shot = browser.call(Some(&session), "Page.captureScreenshot", json!({}));
        let png = base64_decode(shot["data"].as_str().unwrap());
        std::fs::write(path, png).unwrap();
    }
    let shown = browser.eval("document.getElementById('evidence-1').innerText");
    assert!(
        flat(shown.as_str().unwrap()).contains("The mayor called it \"a historic step\""),
        "{shown}"
    );
    browser.press("Escape", 27);
    let open = browser.eval("document.getElementById('evidence-1').matches(':popover-open')");
    assert_eq!(open, json!(false));
    // Tab goes on to the next note.
    browser.press("Tab", 9);
    let focused = browser.eval("document.activeElement.getAttribute('popovertarget')");
    assert_eq!(focused, json!("evidence-2"));
}

/// A draft's banner stays on the screen wherever the reader scrolls, and the quotation not
/// verified is flagged beside its note.
#[test]
fn a_draft_keeps_its_banner_on_screen_and_flags_the_quotation() {
    if !chromium() {
        return;
    }
    let dir = copy_fixture("all-verified");
    let outline = dir.path().join("report.yaml");
    let text = std::fs::read_to_string(&outline).unwrap();
    let broken = text.replacen("harbour plan", "harbor plan", 1);
    assert_ne!(text, broken);
    std::fs::write(&outline, broken).unwrap();
    let run = report_in(dir.path(), &["render", "--draft", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let page = dir.path().join("report.draft.html").canonicalize().unwrap();
    let mut browser = Browser::open(&format!("file://{}", page.display()));
    let banner = "document.querySelector('.draft').getBoundingClientRect().top";
    assert_eq!(browser.eval(banner), json!(0));
    browser.eval("window.scrollTo(0, document.body.scrollHeight)");
    let scrolled = browser.eval("window.scrollY");
    assert!(
        scrolled.as_f64().unwrap() > 0.0,
        "the page scrolls: {scrolled}"
    );
    assert_eq!(browser.eval(banner), json!(0), "the banner stays on screen");
    let shown = browser.eval("document.querySelector('.draft').innerText");
    assert_eq!(shown, json!("DRAFT — 1 quotation not verified"));
    let flags = browser
        .eval("[...document.querySelectorAll('main .unverified')].map(e => e.innerText.trim())");
    let flags: Vec<&str> = (flags.as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        flags.contains(&"[not verified: quote-not-found]"),
        "{flags:?}"
    );
    assert!(
        flags.contains(&"Not verified (quote-not-found):"),
        "{flags:?}"
    );
}

#[test]
fn hostile_text_shows_as_text_and_runs_nothing() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let hostile = "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\"> & </p>";
    std::fs::write(
        dir.path().join("sources/s.txt"),
        format!("Before. {hostile} After.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sources/sources.yaml"),
        format!(
            "s:\n  title: \"{}\"\n  url: \"javascript:document.title='owned'\"\n",
            hostile.replace('"', "\\\"")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("report.yaml"),
        format!(
            "title: \"{t}\"\nsections:\n  - heading: \"{t}\"\n    paragraphs:\n      - text: \"{t}\"\n        cite:\n          source: s\n          quote: \"{t}\"\n",
            t = hostile.replace('"', "\\\"")
        ),
    )
    .unwrap();
    let url = render_html(dir.path());
    let mut browser = Browser::open(&url);
    assert_eq!(
        browser.eval("document.title"),
        json!(hostile),
        "the title is the outline's text"
    );
    assert_eq!(browser.eval("document.scripts.length"), json!(0));
    assert_eq!(browser.eval("document.images.length"), json!(0));
    let links = browser.eval("[...document.links].map(a => a.href)");
    assert_eq!(links, json!([]), "a javascript: address is no link");
    let text = flat(browser.eval("document.body.innerText").as_str().unwrap());
    assert!(text.matches(&flat(hostile)).count() >= 4, "{text}");
}

#[test]
fn the_excerpt_can_be_cut_to_the_quote_alone() {
    let dir = copy_fixture("all-verified");
    let run = report_in(
        dir.path(),
        &["render", "--format", "html", "--excerpt", "0", "-o", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("<mark>The council approved the harbour plan on 3 March</mark>…"),
        "{}",
        run.stdout
    );
    let run = report_in(dir.path(), &["render", "--format", "html", "-o", "-"]);
    assert!(
        !run.stdout
            .contains("<mark>The council approved the harbour plan on 3 March</mark>…"),
        "the default shows the text around the quote"
    );
}
