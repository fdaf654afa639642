package com.example.webexoauth.profile;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.example.webexoauth.RunningApp;
import com.example.webexoauth.SimulatedWebex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile's avatar in headless Chromium with the simulator on another port: the image
 * comes from another origin over plain http, which the page's Content-Security-Policy
 * must allow. Needs Debian's {@code chromium} and {@code chromium-driver}; runs with
 * {@code -Pbrowser}.
 */
@Tag("browser")
class AvatarBrowserTests {

	@TempDir
	static Path dataDir;

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static ChromeDriver driver;

	@BeforeAll
	static void start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + dataDir.resolve("chromium"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (driver != null) {
			driver.quit();
		}
	}

	@Test
	void profileWhenAvatarIsOnTheSimulatorsOriginThenTheBrowserLoadsIt() {
		driver.get(app.url("/"));
		driver.findElement(By.id("grant")).click();
		WebElement zoe = driver.findElement(By.cssSelector("input[value='zoe@example.com']"));
		driver.findElement(By.cssSelector("label[for='" + zoe.getAttribute("id") + "']")).click();
		driver.findElement(By.xpath("//button[normalize-space()='Accept']")).click();
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("spaces")));

		driver.get(app.url("/profile"));
		WebElement avatar = driver.findElement(By.cssSelector("img.avatar"));
		new WebDriverWait(driver, Duration.ofSeconds(15)).until((d) -> Boolean.TRUE
			.equals(((JavascriptExecutor) d).executeScript("return arguments[0].complete", avatar)));

		assertThat(avatar.getAttribute("src")).startsWith(SimulatedWebex.apiBaseUrl().replace("/v1", "/simulator/"))
			.doesNotStartWith(app.url("/"));
		Object width = ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", avatar);
		assertThat(((Number) width).intValue()).as("a broken or blocked image has no natural width").isEqualTo(96);
		List<String> violations = driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
		assertThat(violations).isEmpty();
	}

}
