package com.example.webexoauth;

import java.nio.file.Path;

import com.example.webex.PackageImports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's packages stand on the starter and form layers without a cycle: the
 * settings and shared pages of {@code system} (with the application class) at the bottom,
 * the features {@code rooms}, {@code profile} and {@code login} above it, none importing
 * another.
 */
class PackageStructureTests {

	private static final String APP = "com.example.webexoauth";

	private final PackageImports imports = PackageImports.read(Path.of("src/main/java"), "com.example.webex");

	@Test
	void importsWhenReadThenEveryFeatureSeen() {
		assertThat(this.imports.imports()).containsKeys(APP, APP + ".system", APP + ".rooms", APP + ".profile",
				APP + ".login");
		assertThat(this.imports.imports().get(APP + ".rooms")).contains(APP + ".system", "com.example.webex.client");
	}

	@Test
	void importsWhenReadThenNoCycleBetweenPackagesAndNoImportOfALayerAbove() {
		assertThat(this.imports.cycles()).isEmpty();
		assertThat(this.imports.upwardImports(PackageStructureTests::layer)).isEmpty();
	}

	@Test
	void importsWhenReadThenNoFeatureImportsAnother() {
		for (String feature : new String[] { "rooms", "profile", "login" }) {
			assertThat(this.imports.imports().get(APP + "." + feature)).as(feature)
				.noneMatch((imported) -> imported.startsWith(APP + ".") && !imported.equals(APP + ".system"));
		}
	}

	// The starter's packages (com.example.webex.*) lie below everything of the
	// application.
	private static int layer(String pkg) {
		if (!pkg.startsWith(APP)) {
			return 0;
		}
		return (pkg.equals(APP) || pkg.equals(APP + ".system")) ? 1 : 2;
	}

}
