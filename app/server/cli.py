"""`vigie-server`: run the hosted sync server and administer it (docs/sync.md).

Every command takes --data-dir DIR (a SQLite file in it) or --database-url URL (better given
in the environment as VIGIE_SERVER_DATABASE_URL: an argument shows in the process list), before
or after the command. A mistake prints one French line on standard error and exits with 1.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.server import db, french
from app.server.settings import ServerSettings

EXIT_MISTAKE = 1


class Mistake(Exception):
    """A mistake of the person at the command line: one French line, *template* typeset and then filled with
    *params* (french.line)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(french.line(template, **params))


class ServerParser(argparse.ArgumentParser):
    """A mistake on the command line is one line and status 1, as any other; the help is French
    (french.HelpFormatter)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", french.HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_MISTAKE, french.line("vigie-server: {message} (voir « {command} --help »)\n",
                                            message=message, command=self.prog))


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(french.line("un port de 0 à 65535 est attendu, pas « {text} »", text=text))
    return int(text)


# The system's reasons, in French: the operator reads them beside French sentences (vigie-server speaks French
# without a translation catalogue).
SYSTEM_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable", errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise", errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule", errno.EEXIST: "un fichier existe déjà à cet endroit",
    errno.ENOTDIR: "une partie du chemin est un fichier, pas un dossier", errno.EISDIR: "c'est un dossier",
    errno.EIO: "erreur d'entrée-sortie du disque", errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse non disponible sur cette machine", errno.ECONNREFUSED: "connexion refusée",
}


def system_reason(exc: OSError) -> str:
    return SYSTEM_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(french.line("un nombre entier d'au moins 1 est attendu, pas « {text} »",
                                                     text=text))
    return int(text)


def _database_options(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--data-dir", type=Path, default=default, metavar="DOSSIER",
                        help="le dossier de données du serveur (sa base SQLite : vigie-server.sqlite)")
    parser.add_argument("--database-url", default=default, metavar="URL",
                        help="la base PostgreSQL (postgresql://…) ; de préférence dans la variable "
                             f"d'environnement {db.URL_ENVIRONMENT}")


# The help's words have the forms of `vigie --help`: a command or an option says what it does in the
# infinitive ("créer un poste"), a value what it is, with an article; a default is "(par défaut : …)".
def build_parser() -> argparse.ArgumentParser:
    parser = ServerParser(prog="vigie-server", description="Serveur de synchronisation de Vigie (aveugle : "
                                                           "il ne stocke que des données chiffrées).")
    parser.add_argument("--version", action="version", version=f"vigie-server {__version__}",
                        help="afficher le numéro de version du serveur et quitter")
    _database_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=ServerParser)
    common = ServerParser(add_help=False)
    _database_options(common, top=False)
    _serve_parser(sub, common)
    _account_parsers(sub, common)
    _backup_parsers(sub, common)
    return parser


def _serve_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from app.server import cli_commands as commands

    serve = sub.add_parser("serve", parents=[common], help="démarrer le serveur")
    serve.add_argument("--host", default="127.0.0.1", metavar="HÔTE",
                       help="l'adresse d'écoute (par défaut : 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8750,
                       help="le port d'écoute (par défaut : 8750 ; 0 : un port libre)")
    serve.add_argument("--tls-cert", type=Path, metavar="FICHIER", help="le certificat TLS (PEM)")
    serve.add_argument("--tls-key", type=Path, metavar="FICHIER", help="la clé privée TLS (PEM)")
    serve.add_argument("--pairings-per-address", type=_positive, default=ServerSettings.pairing_limit, metavar="N",
                       help="le nombre d'appairages qu'une même adresse peut ouvrir en 10 minutes avant d'être "
                            f"refusée (par défaut : {ServerSettings.pairing_limit} ; davantage derrière une "
                            "adresse partagée)")
    serve.set_defaults(handler=commands.serve)


def _account_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from app.server import cli_commands as commands

    tenant = sub.add_parser("tenant", help="gérer les services (locataires)").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ServerParser)
    add = tenant.add_parser("add", parents=[common], help="créer un service et afficher son jeton d'inscription")
    add.add_argument("name", metavar="NOM", help="le nom du service (« Police municipale de Montclair »)")
    add.set_defaults(handler=commands.tenant_add)
    tenant.add_parser("list", parents=[common], help="lister les services, un par ligne").set_defaults(
        handler=commands.tenant_list)

    device = sub.add_parser("device", help="gérer les postes inscrits").add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ServerParser)
    device.add_parser("list", parents=[common], help="lister les postes, un par ligne").set_defaults(
        handler=commands.device_list)
    revoke = device.add_parser("revoke", parents=[common], help="révoquer un poste (son jeton est refusé)")
    revoke.add_argument("device_id", metavar="POSTE",
                        help="l'identifiant du poste, tel que « device list » l'affiche")
    revoke.set_defaults(handler=commands.device_revoke)


def _backup_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from app.server import cli_commands as commands

    backup = sub.add_parser("backup", parents=[common],
                            help="faire la copie cohérente du jour (les 7 dernières sont gardées)")
    backup.add_argument("--out", type=Path, required=True, metavar="DOSSIER", help="le dossier des sauvegardes")
    backup.set_defaults(handler=commands.backup)
    restore = sub.add_parser("restore", parents=[common], help="restaurer une sauvegarde (le serveur arrêté)")
    restore.add_argument("file", type=Path, metavar="FICHIER", help="une copie faite par « vigie-server backup »")
    restore.set_defaults(handler=commands.restore)


def database_url(args: argparse.Namespace) -> str:
    try:
        return db.url_from(args.data_dir, args.database_url)
    except db.DatabaseUrlError as exc:
        if not str(exc):
            raise Mistake("indiquez --data-dir DOSSIER ou --database-url URL.") from exc
        raise Mistake("adresse de base de données non prise en charge : {url}.", url=exc) from exc
    except OSError as exc:
        raise Mistake("dossier de données inutilisable : {reason}.", reason=system_reason(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    with french.speaking():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        parser.print_help()
        return EXIT_MISTAKE
    try:
        result: int = args.handler(args)
        return result
    except Mistake as exc:
        french.say("vigie-server: {message}", sys.stderr, message=exc)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200].rstrip(" .")
        french.say("vigie-server: base de données inaccessible : {reason}.", sys.stderr, reason=reason)
    except KeyboardInterrupt:
        return 130
    return EXIT_MISTAKE
