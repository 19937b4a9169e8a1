//! Fetching a source from the web: `ureq` over rustls, redirects followed one by one (so each
//! is recorded, and one to anything but http or https is refused), a time limit on the whole
//! fetch and a cap on the body.

use std::time::{Duration, Instant, SystemTime};

use ureq::http::header::{CONTENT_TYPE, LOCATION};

/// The most redirects followed.
const MAX_REDIRECTS: usize = 10;

/// The largest body read: 64 MiB.
pub(crate) const MAX_BODY: u64 = 64 << 20;

/// What a fetch brought back.
#[derive(Debug)]
pub(crate) struct Fetched {
    /// Every address asked, the first as given and the last the one that answered.
    pub chain: Vec<String>,
    /// The `Content-Type` it was served with.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
    /// When it was fetched (UTC, RFC 3339).
    pub when: String,
}

/// Why a fetch failed, for a message.
#[derive(Debug)]
pub(crate) struct Failed {
    /// The address that failed.
    pub url: String,
    /// What happened.
    pub reason: String,
}

/// Fetches `start` within `timeout`.
pub(crate) fn fetch(start: &str, timeout: Duration) -> Result<Fetched, Failed> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("report/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let deadline = Instant::now() + timeout;
    let fail = |url: &url::Url, reason: String| Failed {
        url: url.to_string(),
        reason,
    };
    let mut url = url::Url::parse(start).map_err(|e| Failed {
        url: start.to_owned(),
        reason: e.to_string(),
    })?;
    let mut chain = Vec::new();
    for _ in 0..=MAX_REDIRECTS {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(fail(
                &url,
                format!("only http and https are fetched, not `{}:`", url.scheme()),
            ));
        }
        chain.push(url.to_string());
        let left = deadline
            .checked_duration_since(Instant::now())
            .ok_or_else(|| fail(&url, format!("no answer within {} s", timeout.as_secs())))?;
        let mut response = (agent.get(url.as_str()).config())
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| fail(&url, reason(e, timeout)))?;
        let status = response.status();
        if status.is_redirection() {
            let location = (response.headers().get(LOCATION))
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| fail(&url, format!("a redirect ({status}) without a Location")))?;
            url = url
                .join(location)
                .map_err(|e| fail(&url, format!("a redirect to `{location}`: {e}")))?;
            continue;
        }
        if !status.is_success() {
            return Err(fail(&url, format!("the server answered {status}")));
        }
        let content_type = (response.headers().get(CONTENT_TYPE))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = (response.body_mut().with_config())
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| fail(&url, reason(e, timeout)))?;
        return Ok(Fetched {
            chain,
            content_type,
            body,
            when: rfc3339(SystemTime::now()),
        });
    }
    Err(fail(&url, format!("more than {MAX_REDIRECTS} redirects")))
}

fn reason(error: ureq::Error, timeout: Duration) -> String {
    match error {
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the page is larger than {} MiB", MAX_BODY >> 20)
        }
        ureq::Error::Timeout(_) => format!("no whole answer within {} s", timeout.as_secs()),
        other => other.to_string(),
    }
}

/// `time` as `2024-05-01T12:00:00Z`.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_rfc3339() {
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let leap = SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(rfc3339(leap), "2024-02-29T12:34:56Z");
    }
}
