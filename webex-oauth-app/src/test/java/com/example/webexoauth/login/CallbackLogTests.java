package com.example.webexoauth.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.example.webexoauth.AppHttp;
import com.example.webexoauth.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed callback writes to the log when its {@code error} parameter is crafted to
 * forge log lines: anyone can start a sign-in and send its callback with any error.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallbackLogTests {

	/** A line as the app would log it, announcing something that never happened. */
	static final String FORGED = "2026-01-01T00:00:00.000Z  INFO 1 --- [main] LoginController : admin signed in";

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	@Test
	void callbackWhenErrorCarriesCrLfThenOneEscapedLineAndNoForgedOne(CapturedOutput output) {
		for (String separator : new String[] { "\r\n", "\n", "\r", "\u0085", "\u001b[2K\r" }) {
			HttpResponse<String> start = AppHttp.get(app.url("/oauth2/authorization/webex"));
			String session = AppHttp.cookieValue(start, "SESSION").orElseThrow();
			String state = UriComponentsBuilder.fromUriString(start.headers().firstValue("Location").orElseThrow())
				.build()
				.getQueryParams()
				.getFirst("state");
			String error = URLEncoder.encode("access_denied" + separator + FORGED, StandardCharsets.UTF_8);

			HttpResponse<String> callback = AppHttp.get(app.url("/oauth?error=" + error + "&state=" + state), "Cookie",
					"SESSION=" + session);

			assertThat(callback.statusCode()).isEqualTo(400);
			assertThat(callback.body()).doesNotContain("admin signed in");
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("2026-01-01T00:00:00.000Z"))).hasSize(5)
			.allSatisfy(
					(line) -> assertThat(line).contains("Webex sign-in failed: outcome=UNKNOWN error=\"access_denied")
						.doesNotContainPattern("\\p{Cntrl}"));
		assertThat(output.getAll()).contains("error=\"access_denied<EOL><EOL>2026-01-01T00:00:00.000Z")
			.contains("error=\"access_denied?2026-01-01T00:00:00.000Z");
	}

}
