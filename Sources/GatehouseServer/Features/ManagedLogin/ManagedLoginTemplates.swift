/// The managed login pages' mustache templates (swift-mustache escapes every `{{value}}`; no
/// template uses the unescaped forms). Each page renders a ``PageContext``: its own view in
/// `{{#view}}`, the layout the branding. Names, ids and classes are those of Cognito's classic
/// hosted UI, so that scripts written against it find the same elements (docs/evidence/hosted-ui.md).
enum ManagedLoginTemplates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "challenge": challenge, "error": error, "signup": signup, "confirm": confirm,
        "forgotPassword": forgotPassword, "confirmForgotPassword": confirmForgotPassword,
    ]

    static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{$title}}Signin{{/title}}</title>
    <style>
    body { font-family: system-ui, sans-serif; background: #f4f4f4; margin: 0; }
    main { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 6px;
           box-shadow: 0 1px 4px rgba(0,0,0,.2); }
    h1 { font-size: 1.4rem; }
    label { display: block; margin: .8rem 0 .3rem; font-weight: 600; }
    input[type=text], input[type=password], input[type=email], input[type=tel] { width: 100%; box-sizing: border-box;
           padding: .5rem; font-size: 1rem; border: 1px solid #888; border-radius: 4px; }
    input:focus, button:focus, a:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    .submitButton-customizable { margin-top: 1.2rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1a5fb4;
           color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
    .errorMessage-customizable { color: #a51d2d; font-weight: 600; }
    .banner-customizable { text-align: center; padding: .5rem 0; }
    </style>
    {{#branding.stylesheet}}<link rel="stylesheet" href="{{branding.stylesheet}}">{{/branding.stylesheet}}
    </head>
    <body>
    <div class="banner-customizable">{{#branding.logoURL}}<img class="logo-customizable" src="{{branding.logoURL}}" alt="">{{/branding.logoURL}}</div>
    <main class="modal-content background-customizable">
    {{$body}}{{/body}}
    </main>
    </body>
    </html>
    """

    static let login = """
    {{<layout}}{{$body}}{{#view}}
    <h1><span class="textDescription-customizable">Sign in with your username and password</span></h1>
    {{#error}}<p id="loginErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    {{#notice}}<p id="loginNotice" class="textDescription-customizable" role="status">{{notice}}</p>{{/notice}}
    {{#session}}
    <form name="cognitoSessionForm" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <button type="submit" name="signInAs" value="true" class="btn btn-primary submitButton-customizable">Sign in as {{session}}</button>
    </form>
    <p>or sign in as another user:</p>
    {{/session}}
    <form name="cognitoSignInForm" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    {{^passwordStep}}
    <label for="signInFormUsername" class="label-customizable">Username</label>
    <input id="signInFormUsername" name="username" type="text" class="form-control inputField-customizable" value="{{username}}"
           autocapitalize="none" autocomplete="username" required autofocus>
    {{/passwordStep}}
    {{#passwordStep}}
    <p>Signing in as <strong>{{username}}</strong></p>
    <input type="hidden" name="username" value="{{username}}">
    {{/passwordStep}}
    {{^usernameStep}}
    <label for="signInFormPassword" class="label-customizable">Password</label>
    <input id="signInFormPassword" name="password" type="password" class="form-control inputField-customizable"
           autocomplete="current-password" required{{#passwordStep}} autofocus{{/passwordStep}}>
    <a class="redirect-customizable" href="{{links.forgotPassword}}">Forgot your password?</a>
    {{/usernameStep}}
    {{#classic}}<input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">{{/classic}}
    {{#usernameStep}}<button type="submit" name="next" class="btn btn-primary submitButton-customizable">Next</button>{{/usernameStep}}
    {{#passwordStep}}<button type="submit" name="signInSubmitButton" class="btn btn-primary submitButton-customizable">Continue</button>{{/passwordStep}}
    </form>
    <p class="redirect-customizable"><span>Need an account?</span>&nbsp;<a href="{{links.signup}}">Sign up</a></p>
    {{/view}}{{/body}}{{/layout}}
    """

    /// A challenge after the password: a code (SMS, email, authenticator app), a new password,
    /// the choice of a factor, or an authenticator app's set-up.
    static let challenge = """
    {{<layout}}{{$body}}{{#view}}
    <h1><span class="textDescription-customizable">{{heading}}</span></h1>
    {{#error}}<p id="loginErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    {{#text}}<p>{{text}}</p>{{/text}}
    {{#secretCode}}
    <p>Add this secret key to your authenticator app, then enter the code it shows.</p>
    <p><code id="totpSecretKey">{{secretCode}}</code></p>
    <p><a href="{{otpauthURI}}">Open in an authenticator app</a></p>
    {{/secretCode}}
    <form name="cognitoChallengeForm" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="challenge" value="{{challenge}}">
    <input type="hidden" name="session" value="{{session}}">
    <input type="hidden" name="username" value="{{username}}">
    {{#secretCode}}<input type="hidden" name="secretCode" value="{{secretCode}}">{{/secretCode}}
    {{#codeField}}
    <label for="totpCodeInput" class="label-customizable">{{codeField}}</label>
    <input id="totpCodeInput" name="authentication_code" type="text" inputmode="numeric" autocomplete="one-time-code"
           class="form-control inputField-customizable" required autofocus>
    {{/codeField}}
    {{#newPassword}}
    <label for="new_password" class="label-customizable">New Password</label>
    <input id="new_password" name="password" type="password" autocomplete="new-password" class="form-control inputField-customizable"
           required autofocus>
    <label for="confirm_password" class="label-customizable">Enter New Password Again</label>
    <input id="confirm_password" name="confirmPassword" type="password" autocomplete="new-password"
           class="form-control inputField-customizable" required>
    {{#requiredAttributes}}
    <label for="attribute-{{.}}" class="label-customizable">{{.}}</label>
    <input id="attribute-{{.}}" name="requiredAttributes[{{.}}]" type="text" class="form-control inputField-customizable" required>
    {{/requiredAttributes}}
    {{/newPassword}}
    {{#choosesFactor}}
    <fieldset><legend>Choose a multi-factor authentication (MFA) method</legend>
    {{#factors}}
    <label><input type="radio" name="mfa_type" value="{{value}}" required> {{label}}</label>
    {{/factors}}
    </fieldset>
    {{/choosesFactor}}
    <button type="submit" id="signInButton" name="{{buttonName}}" class="btn btn-primary submitButton-customizable">{{button}}</button>
    </form>
    {{/view}}{{/body}}{{/layout}}
    """

    static let error = """
    {{<layout}}{{$title}}Error{{/title}}{{$body}}{{#view}}
    <h1>An error was encountered with the requested page.</h1>
    {{#error}}<p class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    {{/view}}{{/body}}{{/layout}}
    """

    static let signup = """
    {{<layout}}{{$body}}{{#view}}
    <h1><span class="textDescription-customizable">Sign up with a new account</span></h1>
    {{#error}}<p id="signupErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    <form name="signupform" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="signupUsername" class="label-customizable">{{usernameLabel}}</label>
    <input id="signupUsername" name="username" type="text" value="{{username}}" autocapitalize="none" autocomplete="username"
           class="form-control inputField-customizable" required autofocus>
    {{#attributes}}
    <label for="attribute-{{name}}" class="label-customizable">{{label}}</label>
    <input id="attribute-{{name}}" name="requiredAttributes[{{name}}]" type="{{type}}" value="{{value}}"
           class="form-control inputField-customizable" required>
    {{/attributes}}
    <label for="signupPassword" class="label-customizable">Password</label>
    <input id="signupPassword" name="password" type="password" autocomplete="new-password" class="form-control inputField-customizable"
           required>
    {{#terms}}<p class="legalText-customizable">By signing up, you agree to the <a href="{{termsOfUse}}">Terms of use</a> and the
    <a href="{{privacyPolicy}}">Privacy policy</a>.</p>{{/terms}}
    <button type="submit" name="signUpButton" class="btn btn-primary signUpButton submitButton-customizable">Sign up</button>
    </form>
    <p class="redirect-customizable"><span>Already have an account?</span>&nbsp;<a href="{{links.login}}">Sign in</a></p>
    {{/view}}{{/body}}{{/layout}}
    """

    static let confirm = """
    {{<layout}}{{$body}}{{#view}}
    <h1><span class="textDescription-customizable">Confirm your account</span></h1>
    {{#error}}<p id="confirmErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    {{#destination}}<p>We have sent a code by {{medium}} to {{destination}}. Enter it below to confirm your account.</p>{{/destination}}
    <form name="confirmform" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="username" value="{{username}}">
    <label for="verification_code" class="label-customizable">Verification code</label>
    <input id="verification_code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
           class="form-control inputField-customizable" required autofocus>
    <button type="submit" name="confirm" class="btn btn-primary submitButton-customizable">Confirm account</button>
    </form>
    <form name="resendcodeform" method="post" action="{{resendAction}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="username" value="{{username}}">
    <p class="redirect-customizable"><span>Didn't receive a code?</span>&nbsp;<button type="submit" name="resend">Send a new code</button></p>
    </form>
    {{/view}}{{/body}}{{/layout}}
    """

    static let forgotPassword = """
    {{<layout}}{{$body}}{{#view}}
    <h1>Forgot your password?</h1>
    {{#error}}<p id="forgotPasswordErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    <p>Enter your Username below and we will send a message to reset your password</p>
    <form name="forgotpasswordform" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="username" class="label-customizable">Username</label>
    <input id="username" name="username" type="text" value="{{username}}" autocapitalize="none" autocomplete="username"
           class="form-control inputField-customizable" required autofocus>
    <button type="submit" name="reset_my_password" class="btn btn-primary submitButton-customizable">Reset my password</button>
    </form>
    {{/view}}{{/body}}{{/layout}}
    """

    static let confirmForgotPassword = """
    {{<layout}}{{$body}}{{#view}}
    <h1>Reset your password</h1>
    {{#error}}<p id="confirmForgotPasswordErrorMessage" class="errorMessage-customizable" role="alert">{{error}}</p>{{/error}}
    {{#destination}}<p>We have sent a password reset code by {{medium}} to {{destination}}. Enter it below to reset your password.</p>{{/destination}}
    <form name="confirmforgotpasswordform" class="cognito-asf" method="post" action="{{action}}">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="username" value="{{username}}">
    <label for="forgot_password_code" class="label-customizable">Code</label>
    <input id="forgot_password_code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
           class="form-control inputField-customizable" required autofocus>
    <label for="new_password" class="label-customizable">New Password</label>
    <input id="new_password" name="password" type="password" autocomplete="new-password" class="form-control inputField-customizable" required>
    <label for="confirm_password" class="label-customizable">Enter New Password Again</label>
    <input id="confirm_password" name="confirmPassword" type="password" autocomplete="new-password"
           class="form-control inputField-customizable" required>
    <button type="submit" name="reset_password" class="btn btn-primary submitButton-customizable">Change Password</button>
    </form>
    {{/view}}{{/body}}{{/layout}}
    """
}
