package com.example.webex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code webex.*} settings a module declares in its
 * {@code META-INF/spring-configuration-metadata.json}, as Spring Boot's configuration
 * processor generates it from the {@code @ConfigurationProperties} records' javadoc (plus
 * {@code additional-spring-configuration-metadata.json}): what an IDE completes and
 * explains.
 */
public final class ConfigurationMetadata {

	private ConfigurationMetadata() {
	}

	/**
	 * The module's {@code webex.*} settings.
	 * @param moduleClass any class of the module (its metadata, not another jar's, is
	 * read)
	 * @return name and description (empty if none) of each setting
	 */
	public static List<Setting> webexSettings(Class<?> moduleClass) {
		List<Setting> settings = new ArrayList<>();
		for (JsonNode property : read(moduleClass).path("properties")) {
			String name = property.path("name").asString("");
			if (name.startsWith("webex.")) {
				settings.add(new Setting(name, property.path("description").asString("").trim()));
			}
		}
		return settings;
	}

	private static JsonNode read(Class<?> moduleClass) {
		URL root = moduleClass.getProtectionDomain().getCodeSource().getLocation();
		try {
			URI metadata = root.toString().endsWith(".jar")
					? URI.create("jar:" + root + "!/META-INF/spring-configuration-metadata.json")
					: root.toURI().resolve("META-INF/spring-configuration-metadata.json");
			try (InputStream in = metadata.toURL().openStream()) {
				return JsonMapper.shared().readTree(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"No configuration metadata next to " + moduleClass
							+ ": is spring-boot-configuration-processor in the compiler's annotationProcessorPaths?",
					ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A setting and its description. */
	public record Setting(String name, String description) {
	}

}
