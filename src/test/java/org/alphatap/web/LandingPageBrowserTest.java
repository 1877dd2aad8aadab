package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.store.Database;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The landing page in a real browser (Debian's chromium, headless, through its chromedriver) on
 * the real server of a small build: it loads without a console error, its figures draw, the
 * query form shows rows and errors, the examples load into it, and the cone search shows stars.
 */
@ExtendWith(VertxExtension.class)
class LandingPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "landing.png");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static HttpServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        server = TapServer.start(vertx, BuiltFixture.data(), "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                AsyncSettings.defaults()).await();
        // Both paths given: Selenium Manager has nothing to look up or download.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,2400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close().await();
        }
    }

    @Test
    void thePageWorksInABrowser() throws Exception {
        browser.get("http://127.0.0.1:" + server.actualPort() + "/");
        await("the examples are listed", () -> browser.findElement(By.id("example")).isEnabled());
        await("the figures are drawn", () -> (Boolean) js("return Array.from(document.images).every("
                + "i => i.complete && i.naturalWidth > 0)"));
        assertEquals(5L, js("return document.images.length"), "three figures and two sky maps");
        browser.findElement(By.xpath("//select[@id='element']/option[. = 'Ti']")).click();
        await("the figures of [Ti/Fe]", () -> (Boolean) js("return Array.from(document.querySelectorAll("
                + "'img[data-plot]')).every(i => i.src.endsWith('-ti.png') && i.complete && i.naturalWidth > 0)"));
        assertEquals("http://127.0.0.1:" + server.actualPort() + "/tap",
                browser.findElement(By.cssSelector("#clients code.tap-url")).getText());

        browser.findElement(By.id("run")).click();
        assertEquals(20, resultRows("query-result"), "the prefilled query asks for the TOP 20 gradient clusters");
        assertEquals("name", browser.findElement(By.cssSelector("#query-result th")).getText());

        browser.findElement(By.xpath("//select[@id='example']/option["
                + ". = 'Open-cluster abundances against Galactocentric radius']")).click();
        browser.findElement(By.id("load-example")).click();
        assertTrue(browser.findElement(By.id("adql")).getDomProperty("value").contains("mg_fe_ivw"));
        browser.findElement(By.id("run")).click();
        await("the example's rows", () -> !browser.findElements(By.xpath(
                "//div[@id='query-result']//th[starts-with(., 'mg_fe_ivw')]")).isEmpty());
        assertEquals(count("SELECT COUNT(*) FROM alpha.clusters WHERE in_gradient = 1"), resultRows("query-result"));

        WebElement position = browser.findElement(By.id("ra"));
        double[] star = firstStar();
        type(position, Double.toString(star[0]));
        type(browser.findElement(By.id("dec")), Double.toString(star[1]));
        type(browser.findElement(By.id("sr")), "0.05");
        browser.findElement(By.id("cone-run")).click();
        assertTrue(resultRows("cone-result") >= 1, "the star at the centre at least");
        assertEquals(List.of(), severe(), "no console error on a page that worked");

        type(browser.findElement(By.id("adql")), "SELECT fe_h FROM alpha.stars");
        browser.findElement(By.id("run")).click();
        await("the error message", () -> !browser.findElements(By.cssSelector("#query-result .error")).isEmpty());
        String error = browser.findElement(By.cssSelector("#query-result .error")).getText();
        assertTrue(error.startsWith("Error: ") && error.contains("fe_h"), error);
        // The only console error: Chromium's note of the failed request itself.
        for (LogEntry e : severe()) {
            assertTrue(e.getMessage().contains("tap/sync") && e.getMessage().contains("400"), e.getMessage());
        }

        browser.executeScript("window.scrollTo(0, 0)");
        Files.createDirectories(SCREENSHOT.getParent());
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("landing page screenshot: " + SCREENSHOT.toAbsolutePath());
    }

    /** The rows of the result table in a region, once there are any. */
    private static int resultRows(String region) {
        By rows = By.cssSelector("#" + region + " table tbody tr");
        await("rows in #" + region, () -> !browser.findElements(rows).isEmpty()
                || !browser.findElements(By.cssSelector("#" + region + " .error")).isEmpty());
        List<WebElement> errors = browser.findElements(By.cssSelector("#" + region + " .error"));
        assertTrue(errors.isEmpty(), () -> errors.get(0).getText());
        return browser.findElements(rows).size();
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static List<LogEntry> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("no " + what + " after " + PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = Database.openReadOnly(BuiltFixture.data()); ResultSet rs = db.createStatement()
                .executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double[] firstStar() throws Exception {
        try (Connection db = Database.openReadOnly(BuiltFixture.data()); ResultSet rs = db.createStatement()
                .executeQuery("SELECT ra, dec FROM alpha.stars ORDER BY obsid LIMIT 1")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }
}
