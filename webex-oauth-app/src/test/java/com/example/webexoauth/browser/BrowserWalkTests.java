package com.example.webexoauth.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.webex.simulator.junit.LoopbackPorts;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's whole visit in headless Chromium, in demo mode exactly as {@code ./mvnw
 * spring-boot:run} starts it: GRANT, the simulated Webex consent page, the granted page,
 * SPACES with a filter and a search, the profile, sign out. Saves a screenshot of each
 * page under {@code target/screenshots/}.
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver}; runs with
 * {@code -Pbrowser}.
 */
@Tag("browser")
class BrowserWalkTests {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@TempDir
	static Path dataDir;

	static RunningApp app;

	static WebDriver driver;

	@BeforeAll
	static void start() throws IOException {
		int port = LoopbackPorts.reserve();
		// Demo mode as ./mvnw spring-boot:run asks for it: the simulator served by the
		// app itself.
		app = RunningApp.startWith(port, Map.of("webex.demo", true, "webex.data-dir", dataDir.toString()));
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + dataDir.resolve("chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (driver != null) {
			driver.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void walkWhenUserGrantsBrowsesAndSignsOutThenEveryPageWorks() throws IOException {
		driver.get(app.url("/"));
		assertThat(driver.findElement(By.cssSelector(".demo-banner")).getText()).contains("simulated");
		screenshot("1-landing");

		driver.findElement(By.id("grant")).click();
		assertThat(driver.getCurrentUrl()).contains("/v1/authorize");
		screenshot("2-consent");
		List<WebElement> users = driver.findElements(By.cssSelector("input[type=radio]"));
		assertThat(users).hasSizeGreaterThanOrEqualTo(2);
		driver.findElement(By.cssSelector("label[for='" + users.get(0).getAttribute("id") + "']")).click();
		driver.findElement(By.xpath("//button[normalize-space()='Accept']")).click();

		wait(ExpectedConditions.presenceOfElementLocated(By.id("spaces")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Access granted");
		screenshot("3-granted");

		driver.findElement(By.id("spaces")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.rooms")));
		int all = driver.findElements(By.cssSelector("td.room-title")).size();
		assertThat(all).isGreaterThan(1);
		screenshot("4-spaces");

		driver.findElement(By.cssSelector("label[for='type-direct']")).click();
		driver.findElement(By.id("apply")).click();
		wait(ExpectedConditions.urlContains("type=direct"));
		List<WebElement> directBadges = driver.findElements(By.cssSelector("span.badge"));
		assertThat(directBadges).isNotEmpty().allSatisfy((badge) -> assertThat(badge.getText()).isEqualTo("Direct"));
		assertThat(directBadges.size()).isLessThan(all);
		screenshot("5-spaces-direct");

		driver.findElement(By.cssSelector("label[for='type-all']")).click();
		WebElement search = driver.findElement(By.id("q"));
		search.clear();
		search.sendKeys("script");
		driver.findElement(By.id("apply")).click();
		wait(ExpectedConditions.urlContains("q=script"));
		List<WebElement> found = driver.findElements(By.cssSelector("td.room-title"));
		assertThat(found).isNotEmpty()
			.allSatisfy((cell) -> assertThat(cell.getText().toLowerCase()).contains("script"));
		screenshot("6-spaces-search");

		driver.findElement(By.linkText("Profile")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.id("display-name")));
		assertThat(driver.findElement(By.id("refresh-expiry")).getText()).endsWith("UTC");
		screenshot("7-profile");

		driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.id("grant")));
		screenshot("8-signed-out");
		driver.get(app.url("/spaces"));
		assertThat(driver.findElements(By.id("grant"))).hasSize(1);
	}

	private static void wait(ExpectedCondition<?> condition) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
	}

	private static void screenshot(String name) throws IOException {
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
