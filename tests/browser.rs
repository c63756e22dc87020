//! `dongne serve` in a real browser: headless Chromium driven over WebDriver types a Korean
//! query, picks a 시·군·구, switches the chart to weeks, exports CSV, opens an article, and
//! checks that a hostile article's script never runs. Screenshots go to
//! `target/browser/`.
//!
//! Needs `chromium` and `chromedriver` (Debian's `chromium` and `chromium-driver`; other
//! paths in `DONGNE_CHROMIUM` and `DONGNE_CHROMEDRIVER`). Skips with a message without them,
//! unless `DONGNE_BROWSER_REQUIRED` is set.

mod common;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// A program from the environment variable `var`, else `default`, if it exists.
fn program(var: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    path.is_file().then_some(path)
}

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts chromedriver on a free port and waits until it answers.
fn start_chromedriver(driver: &Path) -> (Killed, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{url}/status")).call().is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (Killed(child), url)
}

/// The bundled sample plus one hostile article, ingested into a new index in `dir`.
fn sample_index(dir: &Path) -> PathBuf {
    let hostile = common::record(
        "https://hostile.example/1",
        "2025-03-01",
        "가온일보",
        "박솔",
        "<script>window.__pwned=1</script>광양시 가온 소식",
        "광양시 가온동 주민 <img src=x onerror=\"window.__pwned=1\"> 모임이 열렸다. \
         <a href=\"javascript:window.__pwned=1\">링크</a>",
    );
    let dump = common::write_dump(dir, "hostile.jsonl", &[hostile]);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/dump");
    let index = dir.join("index");
    common::assert_ok(&common::ingest(&[&sample, &dump], &index, &[]));
    index
}

/// Where screenshots go.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether the hostile script has run on the current page.
async fn pwned(driver: &WebDriver) -> bool {
    let ret = driver
        .execute("return typeof window.__pwned !== 'undefined';", Vec::new())
        .await
        .unwrap();
    ret.convert::<bool>().unwrap()
}

/// Waits until the current URL contains `part` (a page load after a click or a choice).
async fn wait_for_url(driver: &WebDriver, part: &str) {
    let started = Instant::now();
    loop {
        let url = driver.current_url().await.unwrap();
        if url.as_str().contains(part) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never reached a URL with {part:?}; at {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reader_searches_narrows_charts_exports_and_reads_in_chromium() {
    let (Some(chromium), Some(driver_path)) = (
        program("DONGNE_CHROMIUM", "/usr/bin/chromium"),
        program("DONGNE_CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        let why = "chromium and chromedriver are needed (apt-get install chromium \
                   chromium-driver, or set DONGNE_CHROMIUM and DONGNE_CHROMEDRIVER)";
        // CI sets DONGNE_BROWSER_REQUIRED: there, a missing browser is a failure.
        assert!(
            std::env::var_os("DONGNE_BROWSER_REQUIRED").is_none(),
            "{why}"
        );
        eprintln!("skipped: {why}");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let index = sample_index(tmp.path());
    let (server, addr) = common::spawn_serve(&index);
    let _server = Killed(server);
    let (_chromedriver, driver_url) = start_chromedriver(&driver_path);

    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(chromium.to_str().unwrap()).unwrap();
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=ko-KR",
    ] {
        caps.add_arg(arg).unwrap();
    }
    let driver = WebDriver::new(&driver_url, caps).await.unwrap();
    let result = drive(&driver, addr).await;
    driver.quit().await.unwrap();
    result.unwrap();
}

/// The reader's walk through the page; any WebDriver failure is returned.
async fn drive(driver: &WebDriver, addr: SocketAddr) -> WebDriverResult<()> {
    let shots = screenshots();
    let base = format!("http://{addr}");

    // A Korean query, typed into the box and sent with Enter.
    driver.goto(&base).await?;
    let query = driver.find(By::Id("q")).await?;
    query.send_keys("축제").await?;
    query.send_keys(Key::Enter).await?;
    wait_for_url(driver, "q=%EC%B6%95%EC%A0%9C").await;
    let hits = driver.find_all(By::Css("ol.hits > li")).await?;
    assert_eq!(hits.len(), 2, "the Seoul festival and the Gwangyang one");
    driver.screenshot(&shots.join("search.png")).await?;

    // A 시·군·구 through the picker: the province first, then the city. The script sends
    // each choice at once.
    let province = SelectElement::new(&driver.find(By::Id("region-0")).await?).await?;
    province.select_by_partial_text("전라남도").await?;
    wait_for_url(driver, "region=").await;
    let city = SelectElement::new(&driver.query(By::Id("region-1")).first().await?).await?;
    city.select_by_partial_text("광양시").await?;
    wait_for_url(driver, "%EA%B4%91%EC%96%91%EC%8B%9C").await;
    let hits = driver.find_all(By::Css("ol.hits > li")).await?;
    assert_eq!(hits.len(), 1, "only the Gwangyang festival");
    let copies = driver
        .find(By::Css("ol.hits details.copies summary"))
        .await?;
    assert!(copies.text().await?.contains("1건"));

    // The chart by weeks.
    driver
        .find(By::XPath(
            "//nav[@class='periods']/a[normalize-space()='주']",
        ))
        .await?
        .click()
        .await?;
    wait_for_url(driver, "by=week").await;
    let current = driver
        .find(By::Css("nav.periods a[aria-current='true']"))
        .await?;
    assert_eq!(current.text().await?, "주");
    assert!(
        !driver
            .find_all(By::Css("section.trend svg rect"))
            .await?
            .is_empty()
    );
    driver.screenshot(&shots.join("filtered-weeks.png")).await?;

    // CSV of exactly these results.
    let export = driver
        .find(By::XPath(
            "//section[@class='exports']/a[contains(., 'CSV')]",
        ))
        .await?;
    let href = export.attr("href").await?.expect("an export link");
    let csv = ureq::get(&format!("{base}{href}"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("id,published,press"), "{csv}");
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains("매화축제"), "{csv}");

    // The article itself.
    driver.find(By::Css("ol.hits h3 a")).await?.click().await?;
    wait_for_url(driver, "/articles/").await;
    let title = driver.find(By::Css("h1")).await?.text().await?;
    assert!(title.contains("매화축제"), "{title}");
    assert!(
        driver
            .find(By::XPath("//a[contains(., '원문 보기')]"))
            .await
            .is_ok()
    );
    driver.screenshot(&shots.join("article.png")).await?;

    // The hostile article: its markup shows as text, and its script never runs, in the
    // results or on its own page.
    driver.goto(format!("{base}/?q=%EA%B0%80%EC%98%A8")).await?;
    let link = driver.find(By::Css("ol.hits h3 a")).await?;
    assert!(
        link.text()
            .await?
            .contains("<script>window.__pwned=1</script>")
    );
    assert!(!pwned(driver).await);
    link.click().await?;
    wait_for_url(driver, "/articles/").await;
    assert!(
        driver
            .find(By::Css("h1"))
            .await?
            .text()
            .await?
            .contains("<script>")
    );
    if let Ok(inline) = driver.find(By::XPath("//a[contains(., '링크')]")).await {
        inline.click().await?;
    }
    assert!(!pwned(driver).await);

    // The page on a phone.
    driver.set_window_rect(0, 0, 390, 844).await?;
    driver.goto(format!("{base}/?q=%EC%B6%95%EC%A0%9C")).await?;
    driver.screenshot(&shots.join("phone.png")).await?;
    let width: i64 = driver
        .execute("return document.documentElement.scrollWidth;", Vec::new())
        .await?
        .convert()?;
    assert!(
        width <= 390,
        "the page scrolls sideways on a phone: {width}px"
    );
    Ok(())
}
