package com.example.webexoauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accessibility checks a page can be held to without a screen reader: the language,
 * one {@code h1} and no skipped heading levels, a label for every form control,
 * alternative text for every image, a name for every link and button, and a working skip
 * link.
 */
public final class Accessibility {

	private static final Set<String> UNLABELLED_INPUT_TYPES = Set.of("hidden", "submit", "button", "reset", "image");

	private Accessibility() {
	}

	public static void assertAccessible(HtmlPage page) {
		String where = page.getUrl().toString();
		assertThat(page.getDocumentElement().getAttribute("lang")).as("lang of %s", where).isEqualTo("en");
		assertThat(page.getTitleText()).as("title of %s", where).isNotBlank();
		assertHeadings(page, where);
		for (DomNode node : page.querySelectorAll("input, select, textarea")) {
			DomElement control = (DomElement) node;
			if (!UNLABELLED_INPUT_TYPES.contains(control.getAttribute("type"))) {
				assertThat(hasLabel(page, control)).as("label for %s on %s", control, where).isTrue();
			}
		}
		for (DomNode image : page.querySelectorAll("img")) {
			assertThat(((DomElement) image).hasAttribute("alt")).as("alt of %s on %s", image, where).isTrue();
		}
		for (DomNode node : page.querySelectorAll("a[href], button")) {
			assertThat(accessibleName((DomElement) node)).as("name of %s on %s", node, where).isNotBlank();
		}
		DomElement skip = page.querySelector("a.skip-link");
		assertThat(skip).as("skip link on %s", where).isNotNull();
		assertThat(page.getElementById(skip.getAttribute("href").substring(1))).as("skip link target").isNotNull();
	}

	private static void assertHeadings(HtmlPage page, String where) {
		List<Integer> levels = new ArrayList<>();
		for (DomNode heading : page.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
			levels.add(Integer.parseInt(heading.getLocalName().substring(1)));
		}
		assertThat(levels).as("headings of %s", where).isNotEmpty().startsWith(1);
		assertThat(levels.stream().filter((level) -> level == 1)).as("h1 on %s", where).hasSize(1);
		for (int i = 1; i < levels.size(); i++) {
			assertThat(levels.get(i)).as("heading %d of %s after h%d", i, where, levels.get(i - 1))
				.isLessThanOrEqualTo(levels.get(i - 1) + 1);
		}
	}

	private static boolean hasLabel(HtmlPage page, DomElement control) {
		String id = control.getAttribute("id");
		boolean labelFor = !id.isEmpty() && page.querySelector("label[for='" + id + "']") != null
				&& !((DomElement) page.querySelector("label[for='" + id + "']")).getTextContent().isBlank();
		boolean wrapped = ((HtmlElement) control).getEnclosingElement("label") != null;
		return labelFor || wrapped || !control.getAttribute("aria-label").isBlank()
				|| !control.getAttribute("aria-labelledby").isBlank();
	}

	private static String accessibleName(DomElement element) {
		if (!element.getAttribute("aria-label").isBlank()) {
			return element.getAttribute("aria-label");
		}
		StringBuilder name = new StringBuilder(element.getTextContent().strip());
		for (DomNode image : element.querySelectorAll("img[alt]")) {
			name.append(((DomElement) image).getAttribute("alt"));
		}
		return name.toString();
	}

}
