package com.example.webex.simulator;

import java.text.BreakIterator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /simulator/avatars/{key}.svg}: each demo person's avatar, their initials on
 * a coloured circle, standing in for the images Webex serves from its content hosts.
 */
@RestController
class AvatarController {

	static final MediaType SVG = MediaType.valueOf("image/svg+xml");

	/** Dark enough for white initials (contrast at least 6:1). */
	private static final List<String> COLOURS = List.of("#0b5cad", "#1d6f42", "#8e2c7f", "#b3261e", "#5b4bb7",
			"#00697a", "#7a4b00");

	private final DemoDirectory directory;

	AvatarController(DemoDirectory directory) {
		this.directory = directory;
	}

	@GetMapping(DemoData.AVATAR_PATH + "{key}.svg")
	ResponseEntity<String> avatar(@PathVariable String key) {
		return this.directory.personByKey(key)
			.map((person) -> ResponseEntity.ok()
				.contentType(SVG)
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
				.body(svg(person.displayName(), key)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/**
	 * The avatar image.
	 * @param name the person's display name, for the initials and the accessible name
	 * @param key what picks the colour, so a person keeps theirs
	 * @return an SVG document
	 */
	static String svg(String name, String key) {
		String colour = COLOURS.get(Math.floorMod(key.hashCode(), COLOURS.size()));
		return """
				<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" \
				aria-label="%s">
				<circle cx="48" cy="48" r="48" fill="%s"/>
				<text x="48" y="48" dy="0.35em" text-anchor="middle" fill="#ffffff" font-size="36" font-weight="600" \
				font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">%s</text>
				</svg>
				""".formatted(escape(name), colour, escape(initials(name)));
	}

	/** The first letter of the first two words: "Zoë Ångström" gives "ZÅ". */
	static String initials(String name) {
		return Arrays.stream(name.strip().split("\\s+"))
			.filter((word) -> !word.isEmpty())
			.limit(2)
			.map(AvatarController::firstCharacter)
			.collect(Collectors.joining())
			.toUpperCase(Locale.ROOT);
	}

	// a whole user-perceived character: "e" with a combining accent stays together
	private static String firstCharacter(String word) {
		BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
		characters.setText(word);
		return word.substring(0, characters.next());
	}

	private static String escape(String text) {
		// the five XML specials; everything else is fine as UTF-8
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
