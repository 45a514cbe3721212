package io.ragwell.web.security;

import io.ragwell.web.security.HandlerAccess.Scoped;
import io.ragwell.web.security.HandlerAccess.Undeclared;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.ParameterizableViewController;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerScopesTests {

	private final HandlerScopes scopes = new HandlerScopes(new StaticListableBeanFactory());

	static class NewController {

		String forgotten() {
			return "";
		}

		@RequiredScope(Scope.WRITE)
		String declared() {
			return "";
		}

	}

	@RequiredScope(Scope.ADMIN)
	static class AdminController {

		String inherited() {
			return "";
		}

		@RequiredScope(Scope.READ)
		String overridden() {
			return "";
		}

	}

	private HandlerAccess access(Object controller, String method) throws NoSuchMethodException {
		return this.scopes.access(new HandlerMethod(controller, controller.getClass().getDeclaredMethod(method)));
	}

	@Test
	void aControllerMethodWithoutAScopeIsClosed() throws Exception {
		assertThat(access(new NewController(), "forgotten")).isInstanceOf(Undeclared.class);
	}

	@Test
	void theMethodsScopeWinsOverTheClasssAndTheClasssAppliesOtherwise() throws Exception {
		assertThat(access(new NewController(), "declared")).isEqualTo(new Scoped(Scope.WRITE));
		assertThat(access(new AdminController(), "inherited")).isEqualTo(new Scoped(Scope.ADMIN));
		assertThat(access(new AdminController(), "overridden")).isEqualTo(new Scoped(Scope.READ));
	}

	@Test
	void aHandlerOfAnUnknownKindIsClosed() {
		assertThat(this.scopes.access(new ParameterizableViewController())).isInstanceOf(Undeclared.class);
		assertThat(this.scopes.access(new Object())).isInstanceOf(Undeclared.class);
	}

}
