package dev.keyway.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What an operator does in the admin UI, step by step, in a real browser. */
public final class AdminBrowser {
    private final Chrome chrome;
    private final String base;

    public AdminBrowser(Chrome chrome, String base) {
        this.chrome = chrome;
        this.base = base;
    }

    public Chrome chrome() {
        return chrome;
    }

    /** Signs in with the keyboard only: type, Tab, type, Enter. */
    public void signIn(String email, String password) {
        chrome.driver().manage().deleteAllCookies();
        chrome.go(base + "/admin/sign-in");
        chrome.find(By.id("f-email")).sendKeys(email, Keys.TAB, password, Keys.ENTER);
        chrome.await(ExpectedConditions.titleContains("Connections"));
    }

    /** Opens + Create, picks OAuth2 and fills the required fields; the caller fills more and saves. */
    public void startCreate(String name, String authorizationUrl, String tokenUrl) {
        startCreate("OAuth2");
        type("f-name", name);
        type("f-clientId", "keyway-client");
        type("f-clientSecret", "s3cret-client-value");
        type("f-authorizationUrl", authorizationUrl);
        type("f-tokenUrl", tokenUrl);
        chrome.find(By.id("f-scopes")).sendKeys("openid crm.read", Keys.ENTER);
    }

    /** Opens + Create and picks a type by its title (OAuth2, Basic Authentication, ...); waits for the form. */
    public void startCreate(String type) {
        chrome.go(base + "/admin/connections");
        chrome.find(By.linkText("+ Create")).click();
        chrome.await(ExpectedConditions.titleContains("New connection"));
        chrome.find(By.xpath("//ul[@class='types']//a[strong[normalize-space()='" + type + "']]")).click();
        chrome.await(ExpectedConditions.visibilityOfElementLocated(By.id("f-name")));
    }

    public void type(String id, String text) {
        WebElement e = chrome.find(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Opens the form's Advanced section when it is closed. */
    public void openAdvanced() {
        WebElement details = chrome.find(By.cssSelector("details.advanced"));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
    }

    /** Picks the option with this value in a select. */
    public void choose(String id, String value) {
        new org.openqa.selenium.support.ui.Select(chrome.find(By.id(id))).selectByValue(value);
    }

    /** Ticks or unticks a checkbox. */
    public void tick(String id, boolean on) {
        WebElement box = chrome.find(By.id(id));
        if (box.isSelected() != on) {
            box.click();
        }
    }

    /** Clicks a submit button by its text and waits for the next page. */
    public void press(String buttonText) {
        WebElement old = chrome.find(By.tagName("html"));
        chrome.find(By.xpath("//button[normalize-space()='" + buttonText + "']")).click();
        awaitGone(old);
    }

    /** Saves the form with "Save & close"; returns the connection's id from the page URL. */
    public String saveAndClose() {
        press("Save & close");
        chrome.await(ExpectedConditions.urlMatches("/admin/connections/con_[^/?]+\\?notice=saved$"));
        String url = chrome.driver().getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** Connect (or Reconnect), then sign in at mock-oauth2-server's login form. */
    public void connectAndSignInAtService(String button, String username) {
        press(button);
        chrome.await(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        chrome.find(By.name("username")).sendKeys(username);
        WebElement form = chrome.find(By.tagName("form"));
        WebElement old = chrome.find(By.tagName("html"));
        form.submit();
        awaitGone(old);
    }

    /**
     * Waits until the old page is gone. During a navigation chromedriver may answer "node does not belong
     * to the document" instead of "stale element": both mean the page was replaced.
     */
    private void awaitGone(WebElement oldPage) {
        chrome.await(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    public String status() {
        return chrome.text(By.cssSelector("#status .badge"));
    }
}
