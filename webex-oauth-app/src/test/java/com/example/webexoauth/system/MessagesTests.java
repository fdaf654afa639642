package com.example.webexoauth.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.DomText;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the rule that the app's templates (not the simulator's, which imitate Webex's
 * own English pages) show only text from {@code messages/messages.properties}: every key
 * they use exists, every key is used, and no element carries literal text a user would
 * read.
 */
class MessagesTests {

	/**
	 * {@code #{key}} and {@code #{key(args)}}; keys computed at runtime
	 * ({@code #{${...}}}) are not matched.
	 */
	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");

	/**
	 * Prefixes of keys resolved at runtime: computed in templates, e.g.
	 * {@code #{${'webex.failed.' + ...}}}, or looked up in Java (the {@code /spaces}
	 * rows, the {@code /api/rooms} warning).
	 */
	private static final List<String> COMPUTED_KEY_PREFIXES = List.of("rooms.type.", "rooms.locked.", "webex.failed.",
			"login.failed.", "rooms.api.");

	/** Attributes whose values a user reads or hears: literal values must be empty. */
	private static final Set<String> TEXT_ATTRIBUTES = Set.of("alt", "title", "aria-label", "placeholder", "label");

	/**
	 * Thymeleaf attributes that replace an element's body (or the element) with computed
	 * content.
	 */
	private static final Set<String> REPLACING_ATTRIBUTES = Set.of("th:text", "th:utext", "th:replace", "th:insert");

	static Properties messages;

	static Map<String, String> templates;

	@BeforeAll
	static void load() throws IOException {
		messages = new Properties();
		try (InputStream in = MessagesTests.class.getResourceAsStream("/messages/messages.properties")) {
			// as Boot reads it
			messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		templates = new LinkedHashMap<>();
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
		for (Resource resource : resources) {
			String path = resource.getURL().getPath().replaceFirst(".*/templates/", "");
			if (!path.startsWith("simulator/")) {
				templates.put(path, resource.getContentAsString(StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void templatesWhenLoadedThenAllTheAppsPagesAreChecked() {
		assertThat(templates.keySet()).contains("fragments/layout.html", "rooms/list.html", "profile/show.html",
				"webex/failed.html", "index.html", "granted.html", "error.html", "reconnect.html", "login/failed.html");
	}

	@Test
	void templatesWhenUsingMessageKeysThenEveryKeyExists() {
		Map<String, Set<String>> missing = new LinkedHashMap<>();
		templates.forEach((path, html) -> {
			for (String key : staticKeys(html)) {
				if (!messages.containsKey(key)) {
					missing.computeIfAbsent(path, (p) -> new TreeSet<>()).add(key);
				}
			}
		});
		assertThat(missing).isEmpty();
	}

	@Test
	void computedKeysWhenBuiltFromTheirValuesThenExist() {
		for (String key : List.of("rooms.type.all", "rooms.type.group", "rooms.type.direct", "rooms.locked.yes",
				"rooms.locked.no")) {
			assertThat(messages.containsKey(key)).as(key).isTrue();
		}
		// computed from enum names: the Turkish default locale lowercases "I" to a
		// dotless "ı"
		Locale defaultLocale = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			for (WebexFailure failure : WebexFailure.values()) {
				assertThat(messages.containsKey(failure.messageKey())).as(failure.messageKey()).isTrue();
				assertThat(failure.code()).matches("webex_[a-z_]+");
			}
		}
		finally {
			Locale.setDefault(defaultLocale);
		}
	}

	@Test
	void messagesWhenDefinedThenUsedByATemplate() {
		Set<String> used = new TreeSet<>();
		templates.values().forEach((html) -> used.addAll(staticKeys(html)));
		List<String> unused = messages.stringPropertyNames()
			.stream()
			.filter((key) -> !used.contains(key))
			.filter((key) -> COMPUTED_KEY_PREFIXES.stream().noneMatch(key::startsWith))
			.sorted()
			.toList();
		assertThat(unused).isEmpty();
	}

	@Test
	void templatesWhenRenderedThenNoLiteralTextOutsideMessages() {
		Map<String, List<String>> literals = new LinkedHashMap<>();
		templates.forEach((path, html) -> {
			List<String> found = literalText(html);
			if (!found.isEmpty()) {
				literals.put(path, found);
			}
		});
		assertThat(literals).isEmpty();
	}

	@Test
	void literalTextWhenPresentThenFound() {
		String html = """
				<!DOCTYPE html>
				<html xmlns:th="http://www.thymeleaf.org"
				      th:replace="~{fragments/layout :: layout (~{::#content}, '')}"><body>
				<h1 th:text="#{a}">Replaced</h1>
				<p>Hello <span th:text="${name}">x</span></p>
				<img src="a.svg" alt="A picture">
				<img src="b.svg" alt="" th:alt="#{b}">
				<button type="submit"> </button>
				</body></html>
				""";

		assertThat(literalText(html)).containsExactly("<p> Hello", "<img alt=\"A picture\">");
	}

	private static Set<String> staticKeys(String html) {
		Set<String> keys = new TreeSet<>();
		Matcher matcher = MESSAGE_KEY.matcher(html);
		while (matcher.find()) {
			keys.add(matcher.group(1));
		}
		return keys;
	}

	/** Text and text attributes a user would see that no Thymeleaf attribute replaces. */
	private static List<String> literalText(String html) {
		try (WebClient client = new WebClient(BrowserVersion.CHROME)) {
			client.getOptions().setJavaScriptEnabled(false);
			client.getOptions().setCssEnabled(false);
			HtmlPage page = client.loadHtmlCodeIntoCurrentWindow(html);
			List<String> found = new ArrayList<>();
			collect(page.getDocumentElement(), found);
			return found;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void collect(DomElement element, List<String> found) {
		String name = element.getLocalName().toLowerCase(Locale.ROOT);
		if (name.equals("style") || name.equals("script")) {
			return;
		}
		// the pages' th:replace on <html> decorates the layout with this very body: keep
		// looking
		boolean replaced = !name.equals("html")
				&& REPLACING_ATTRIBUTES.stream().anyMatch((attribute) -> element.hasAttribute(attribute));
		if (replaced) {
			return;
		}
		for (String attribute : TEXT_ATTRIBUTES) {
			String value = element.getAttribute(attribute);
			if (element.hasAttribute(attribute) && !value.isBlank() && !element.hasAttribute("th:" + attribute)) {
				found.add("<" + name + " " + attribute + "=\"" + value + "\">");
			}
		}
		for (DomNode child : element.getChildren()) {
			if (child instanceof DomText text && !text.getData().isBlank()) {
				found.add("<" + name + "> " + text.getData().strip());
			}
			else if (child instanceof DomElement childElement) {
				collect(childElement, found);
			}
		}
	}

}
