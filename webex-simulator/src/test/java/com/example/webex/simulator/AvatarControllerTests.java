package com.example.webex.simulator;

import java.net.http.HttpResponse;
import java.util.Map;

import com.example.webex.simulator.junit.WebexSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo people's avatars: initials on a coloured circle as SVG, text escaped.
 */
class AvatarControllerTests {

	@RegisterExtension
	static final WebexSimulatorExtension webex = WebexSimulatorExtension.create()
		.property("simulator.admin-endpoints", false)
		.build();

	static final SimulatorHttp http = new SimulatorHttp(webex);

	@Test
	void avatarWhenPersonKnownThenSvgWithInitialsWithoutToken() {
		HttpResponse<String> response = http.get("/simulator/avatars/chen.svg");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(response.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains("aria-label=\"Chen Wei 陈伟\"")
			.contains(">CW</text>");
	}

	@Test
	void avatarWhenPersonUnknownThen404() {
		assertThat(http.get("/simulator/avatars/nobody.svg").statusCode()).isEqualTo(404);
		assertThat(http.get("/simulator/avatars/..%2Fzoe.svg").statusCode()).isIn(400, 404);
	}

	@Test
	void svgWhenNameHasMarkupThenEscaped() {
		String svg = AvatarController.svg("<b>Tom</b> & \"Jerry's\"", "x");

		assertThat(svg).doesNotContain("<b>")
			.contains("aria-label=\"&lt;b&gt;Tom&lt;/b&gt; &amp; &quot;Jerry&#39;s&quot;\"");
		assertThat(svg).contains(">&lt;&amp;</text>");
	}

	@Test
	void initialsWhenNamesHaveAccentsOrOneWordThenFirstCharactersUpperCase() {
		assertThat(AvatarController.initials("Zoë Ångström")).isEqualTo("ZÅ");
		assertThat(AvatarController.initials("  e\u0301lodie   martin  ")).isEqualTo("E\u0301M");
		assertThat(AvatarController.initials("Madonna")).isEqualTo("M");
		assertThat(AvatarController.initials("Ana María López")).isEqualTo("AM");
		assertThat(AvatarController.initials("")).isEmpty();
	}

}
