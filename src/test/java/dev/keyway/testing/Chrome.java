package dev.keyway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (no download), with a fresh profile.
 * One per test class: starting a browser costs about a second.
 */
public final class Chrome implements AutoCloseable {
    private final Path profile;
    private final ChromeDriver driver;

    public Chrome() {
        try {
            profile = Files.createTempDirectory("keyway-chrome-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String js) {
        return driver.executeScript(js);
    }

    public void go(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    /** Waits (up to 15 s) for a condition; never sleeps a fixed time. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    /** Lays the page out at {@code width} CSS pixels (a phone at 390) and {@code height}. */
    public void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** A PNG of the whole page at the current width. */
    public byte[] fullPage(int width, boolean mobile) {
        viewport(width, 800, mobile);
        Number h = (Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        viewport(width, Math.max(h.intValue(), 300), mobile);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return png;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
