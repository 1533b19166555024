/// The console's mustache templates (every `{{value}}` escaped; no template uses the unescaped
/// forms). Plain HTML forms and links: every action works without JavaScript. Each page renders a
/// view with `title`, `csrf` (the forms' token) and `signedIn` (the access key's principal, when the
/// console signs callers in) beside its own values.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "signIn": signIn, "pools": pools, "pool": pool, "users": users, "user": user, "outbox": outbox, "problem": problem,
    ]

    static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Gatehouse console</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1d; background: #fafafa; }
    header { background: #1a3a5f; color: #fff; padding: .6rem 1.5rem; display: flex; gap: 1.5rem; align-items: center; }
    header a { color: #fff; }
    main { max-width: 64rem; margin: 1rem auto; padding: 0 1.5rem 2rem; }
    table { border-collapse: collapse; width: 100%; background: #fff; margin: .5rem 0 1rem; }
    caption { text-align: left; font-weight: 600; padding: .3rem 0; }
    th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
    input[type=text], input[type=password], input[type=email] { padding: .4rem; font-size: 1rem; border: 1px solid #777; border-radius: 3px; min-width: 18rem; }
    button { padding: .4rem .9rem; font-size: 1rem; background: #1a5fb4; color: #fff; border: 0; border-radius: 3px; cursor: pointer; margin: .3rem .3rem .3rem 0; }
    button.danger { background: #a51d2d; }
    a:focus, button:focus, input:focus { outline: 3px solid #e5a50a; outline-offset: 2px; }
    .notice { background: #e6f4ea; border-left: 4px solid #26a269; padding: .5rem .8rem; }
    .error { background: #fbe9eb; border-left: 4px solid #a51d2d; padding: .5rem .8rem; font-weight: 600; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: .5rem; top: .5rem; background: #fff; color: #000; padding: .3rem; }
    pre { background: #fff; border: 1px solid #c8c8c8; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
    .actions form { display: inline; }
    </style>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header>
    <strong><a href="/_gatehouse/console">Gatehouse console</a></strong>
    {{#signedIn}}<span>Signed in as {{signedIn}}</span>
    <form method="post" action="/_gatehouse/console/sign-out"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Sign out</button></form>{{/signedIn}}
    </header>
    <main id="main">
    {{#navigation}}<nav aria-label="Breadcrumb"><p>{{#links}}<a href="{{href}}">{{label}}</a> › {{/links}}</p></nav>{{/navigation}}
    <h1>{{title}}</h1>
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
    {{$body}}{{/body}}
    </main>
    </body>
    </html>
    """

    static let signIn = """
    {{<layout}}{{$body}}
    <p>Sign in with an access key of the server's access keys file. What you may do is what its policy allows.</p>
    <form method="post" action="/_gatehouse/console/sign-in">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="accessKeyId">Access key id</label>
    <input id="accessKeyId" name="accessKeyId" type="text" autocomplete="username" required autofocus>
    <label for="secretAccessKey">Secret access key</label>
    <input id="secretAccessKey" name="secretAccessKey" type="password" autocomplete="current-password" required>
    <p><button type="submit">Sign in</button></p>
    </form>
    {{/body}}{{/layout}}
    """

    static let pools = """
    {{<layout}}{{$body}}
    <form method="get" action="/_gatehouse/console">
    <label for="region">Region</label>
    <input id="region" name="region" type="text" value="{{region}}"> <button type="submit">Show</button>
    </form>
    <table>
    <caption>User pools in {{region}}</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Created</th></tr></thead>
    <tbody>
    {{#pools}}<tr><td><a href="/_gatehouse/console/pools/{{Id}}">{{Name}}</a></td><td>{{Id}}</td><td>{{created}}</td></tr>{{/pools}}
    {{^pools}}<tr><td colspan="3">No user pools in this region.</td></tr>{{/pools}}
    </tbody>
    </table>
    {{/body}}{{/layout}}
    """

    static let pool = """
    {{<layout}}{{$body}}
    <p><a href="/_gatehouse/console/pools/{{poolId}}/users">Users</a> · <a href="/_gatehouse/console/pools/{{poolId}}/outbox">Outbox</a></p>
    <table>
    <caption>Settings</caption>
    <tbody>
    {{#settings}}<tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>{{/settings}}
    </tbody>
    </table>
    <table>
    <caption>App clients</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Client id</th></tr></thead>
    <tbody>
    {{#clients}}<tr><td>{{ClientName}}</td><td>{{ClientId}}</td></tr>{{/clients}}
    {{^clients}}<tr><td colspan="2">No app clients.</td></tr>{{/clients}}
    </tbody>
    </table>
    <table>
    <caption>Groups</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Precedence</th><th scope="col">Description</th></tr></thead>
    <tbody>
    {{#groups}}<tr><td>{{GroupName}}</td><td>{{Precedence}}</td><td>{{Description}}</td></tr>{{/groups}}
    {{^groups}}<tr><td colspan="3">No groups.</td></tr>{{/groups}}
    </tbody>
    </table>
    <h2>Description</h2>
    <pre>{{described}}</pre>
    {{/body}}{{/layout}}
    """

    static let users = """
    {{<layout}}{{$body}}
    <form method="get" action="/_gatehouse/console/pools/{{poolId}}/users" role="search">
    <label for="filter">Filter (ListUsers: <code>email ^= "ali"</code>, <code>cognito:user_status = "UNCONFIRMED"</code>)</label>
    <input id="filter" name="filter" type="text" value="{{filter}}"> <button type="submit">Search</button>
    </form>
    <table>
    <caption>Users</caption>
    <thead><tr><th scope="col">Username</th><th scope="col">Status</th><th scope="col">Enabled</th><th scope="col">Email</th><th scope="col">Created</th></tr></thead>
    <tbody>
    {{#users}}<tr><td><a href="/_gatehouse/console/pools/{{poolId}}/users/{{path}}">{{Username}}</a></td><td>{{UserStatus}}</td><td>{{enabled}}</td><td>{{email}}</td><td>{{created}}</td></tr>{{/users}}
    {{^users}}<tr><td colspan="5">No users.</td></tr>{{/users}}
    </tbody>
    </table>
    {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
    <h2>Create a user</h2>
    <form method="post" action="/_gatehouse/console/pools/{{poolId}}/users">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="username">Username</label>
    <input id="username" name="username" type="text" required>
    <label for="email">Email (optional)</label>
    <input id="email" name="email" type="email">
    <label for="temporaryPassword">Temporary password (optional: else one is made)</label>
    <input id="temporaryPassword" name="temporaryPassword" type="password" autocomplete="new-password">
    <p><input id="suppress" name="suppress" type="checkbox" value="1"> <label for="suppress" style="display:inline">Send no invitation</label></p>
    <p><button type="submit">Create user</button></p>
    </form>
    {{/body}}{{/layout}}
    """

    static let user = """
    {{<layout}}{{$body}}
    <table>
    <caption>User</caption>
    <tbody>
    <tr><th scope="row">Username</th><td>{{Username}}</td></tr>
    <tr><th scope="row">Status</th><td id="userStatus">{{UserStatus}}</td></tr>
    <tr><th scope="row">Enabled</th><td id="userEnabled">{{enabled}}</td></tr>
    <tr><th scope="row">Created</th><td>{{created}}</td></tr>
    <tr><th scope="row">Last modified</th><td>{{modified}}</td></tr>
    <tr><th scope="row">MFA</th><td>{{mfa}}</td></tr>
    <tr><th scope="row">Groups</th><td>{{groups}}</td></tr>
    </tbody>
    </table>
    <table>
    <caption>Attributes</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
    <tbody>
    {{#UserAttributes}}<tr><td>{{Name}}</td><td>{{Value}}</td></tr>{{/UserAttributes}}
    </tbody>
    </table>
    <h2>Actions</h2>
    <div class="actions">
    {{#actions}}<form method="post" action="/_gatehouse/console/pools/{{poolId}}/users/{{path}}/{{action}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit"{{#danger}} class="danger"{{/danger}}>{{label}}</button></form>
    {{/actions}}
    </div>
    {{/body}}{{/layout}}
    """

    static let outbox = """
    {{<layout}}{{$body}}
    {{^developmentOutbox}}<p>The server keeps no codes or temporary passwords in the outbox (start it with --development-outbox to see them).</p>{{/developmentOutbox}}
    <table>
    <caption>Messages, newest first</caption>
    <thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Medium</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead>
    <tbody>
    {{#messages}}<tr><td>{{sent}}</td><td>{{To}}</td><td>{{Medium}}</td><td>{{Trigger}}</td><td>{{Status}}</td><td>{{#Subject}}<strong>{{Subject}}</strong><br>{{/Subject}}{{Body}}</td></tr>{{/messages}}
    {{^messages}}<tr><td colspan="6">No messages.</td></tr>{{/messages}}
    </tbody>
    </table>
    {{/body}}{{/layout}}
    """

    static let problem = """
    {{<layout}}{{$body}}
    <p><a href="/_gatehouse/console">Back to the pools</a></p>
    {{/body}}{{/layout}}
    """
}
