package com.example.webexoauth.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The stylesheet's colours, measured as WCAG 2 defines contrast: text at least 4.5:1
 * against the background its rule sets, the focus indicator at least 3:1 against what it
 * sits on.
 */
class StylesheetContrastTests {

	private static final Pattern VARIABLE = Pattern.compile("(--[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;");

	private static final Pattern COLOUR = Pattern.compile("(?<![-\\w])color\\s*:\\s*([^;]+);");

	private static final Pattern BACKGROUND = Pattern.compile("background(?:-color)?\\s*:\\s*([^;]+);");

	static String css;

	static Map<String, String> variables = new LinkedHashMap<>();

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = StylesheetContrastTests.class.getResourceAsStream("/static/css/app.css")) {
			css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
		}
		Matcher matcher = VARIABLE.matcher(css);
		while (matcher.find()) {
			variables.put(matcher.group(1), matcher.group(2));
		}
	}

	@Test
	void rulesWhenSettingTextAndBackgroundColourThenContrastAtLeastFourAndAHalf() {
		Map<String, Double> contrasts = new LinkedHashMap<>();
		for (String rule : css.split("}")) {
			int open = rule.lastIndexOf('{');
			if (open < 0) {
				continue;
			}
			String selector = rule.substring(rule.lastIndexOf('{', open - 1) + 1, open).strip();
			String declarations = rule.substring(open + 1);
			String colour = hex(COLOUR, declarations);
			String background = hex(BACKGROUND, declarations);
			if (colour != null && background != null) {
				contrasts.put(selector, contrast(colour, background));
			}
		}
		assertThat(contrasts).containsKeys(".badge-group", ".badge-direct", ".button-primary", ".demo-banner", ":root");
		assertThat(contrasts)
			.allSatisfy((selector, ratio) -> assertThat(ratio).as(selector).isGreaterThanOrEqualTo(4.5));
	}

	@Test
	void focusIndicatorWhenOnAnyBackgroundThenContrastAtLeastThree() {
		String ring = variables.get("--focus-ring");
		String halo = variables.get("--focus");
		assertThat(css).contains(":focus-visible { outline: 3px solid var(--focus-ring)");
		for (String background : new String[] { "--surface", "--page", "--accent", "--danger" }) {
			String colour = variables.get(background);
			double best = Math.max(contrast(ring, colour), contrast(halo, colour));
			assertThat(best).as("focus on %s", background).isGreaterThanOrEqualTo(3);
		}
		assertThat(contrast(ring, variables.get("--surface"))).isGreaterThanOrEqualTo(3);
		assertThat(contrast(ring, halo)).as("the two rings against each other").isGreaterThanOrEqualTo(3);
	}

	@Test
	void contrastWhenKnownPairsThenAsWcagComputes() {
		assertThat(contrast("#000000", "#ffffff")).isCloseTo(21, offset(0.01));
		assertThat(contrast("#777777", "#ffffff")).isCloseTo(4.48, offset(0.01));
	}

	private static String hex(Pattern pattern, String declarations) {
		Matcher matcher = pattern.matcher(declarations);
		if (!matcher.find()) {
			return null;
		}
		String value = matcher.group(1).strip();
		if (value.startsWith("var(")) {
			value = variables.get(value.substring(4, value.length() - 1).strip());
		}
		if (value != null && value.matches("#[0-9a-fA-F]{3}")) {
			value = "#" + value.charAt(1) + value.charAt(1) + value.charAt(2) + value.charAt(2) + value.charAt(3)
					+ value.charAt(3);
		}
		return (value != null && value.matches("#[0-9a-fA-F]{6}")) ? value : null;
	}

	static double contrast(String first, String second) {
		double a = luminance(first);
		double b = luminance(second);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	private static double luminance(String hex) {
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double value = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
			channels[i] = (value <= 0.03928) ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

}
