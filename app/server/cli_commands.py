"""What each `vigie-server` command does (app/server/cli.py declares them)."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack

from sqlalchemy import Engine, select

from app.server import accounts, backup as backups, db
from app.server.cli import Mistake, database_url, system_reason
from app.server.models import Tenant
from app.server.settings import ServerSettings, utc_now


def _engine(args: argparse.Namespace, existing: bool = False) -> Engine:
    """The server's database, brought to the current schema. *existing*: a command that reads or changes what
    a server holds refuses a data folder that holds none (a mistyped --data-dir made a new, empty one)."""
    if existing and args.data_dir is not None and not args.database_url \
            and not (args.data_dir / db.DATABASE_FILE).is_file() and not os.environ.get(db.URL_ENVIRONMENT):
        raise Mistake(f"aucun serveur dans {args.data_dir} (« vigie-server tenant add » crée le premier service)")
    engine = db.make_engine(database_url(args), pool_size=2)
    db.upgrade(engine)
    return engine


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.server import stopping
    from app.server.api import create_app

    if (args.tls_cert is None) != (args.tls_key is None):
        raise Mistake("--tls-cert et --tls-key vont ensemble")
    if args.tls_cert is not None:
        _check_tls(args.tls_cert, args.tls_key)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    url = database_url(args)
    with ExitStack() as held:
        _hold(held, backups.serving, url)  # from before its migrations to its last answer: no restore meanwhile
        app = create_app(ServerSettings(database_url=url, pairing_limit=args.pairings_per_address))
        try:
            listener = _listener(args.host, args.port)
        except OSError as exc:
            raise Mistake(f"impossible d'écouter sur {args.host}:{args.port} : {system_reason(exc)}") from exc
        host, port = listener.getsockname()[:2]
        scheme = "https" if args.tls_cert else "http"
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5,
                                ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, server_header=False)
        print(f"vigie-server : à l'écoute sur {scheme}://{host}:{port}", flush=True)
        server = stopping.Server(config)
        try:
            with stopping.stopping():
                server.run(sockets=[listener])
        except stopping.Stopped as stop:
            print(server.farewell(), file=sys.stderr)
            return stopping.STATUSES[stop.signum]
    return 0


def _hold(held: ExitStack, lock: Callable[[str], AbstractContextManager[None]], url: str) -> None:
    """The serving lock of *url*'s database (backup.serving, backup.stopped), held until *held* ends; its
    refusal is one line."""
    try:
        held.enter_context(lock(url))
    except backups.BackupError as exc:
        raise Mistake(str(exc)) from exc
    except OSError as exc:  # the lock file beside a SQLite database cannot be made (a read-only folder)
        raise Mistake(f"verrou de la base inutilisable : {system_reason(exc)}") from exc


def _check_tls(cert, key) -> None:
    """The certificate and its key loaded as uvicorn will load them: refused here in one line, before the
    server says it listens (uvicorn's own refusal came after, as a traceback)."""
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise Mistake(f"certificat TLS ou clé inutilisable ({cert}, {key}) : {exc.reason or exc}") from exc
    except OSError as exc:
        raise Mistake(f"certificat TLS ou clé illisible ({cert}, {key}) : {system_reason(exc)}") from exc


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _listener(host: str, port: int) -> socket.socket:
    """The listening socket, made with IPPROTO_TCP. (socket.create_server makes it with protocol 0, and
    asyncio sets TCP_NODELAY only on sockets that say TCP: every answer, written as its head and then
    its body, then waited for the client's delayed acknowledgement, 40 ms on Linux, for each request.)"""
    listener = socket.socket(_family(host), socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


def tenant_add(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name or len(name) > 200 or any(ord(c) < 32 for c in name):
        raise Mistake("nom de service invalide (1 à 200 caractères imprimables)")
    engine = _engine(args)
    with db.sessions(engine)() as session:
        tenant, token = accounts.add_tenant(session, name, utc_now())
        session.commit()
    engine.dispose()
    print(f"Service « {name} » créé : {tenant.id}")
    print("Jeton d'inscription (à usage unique, affiché une seule fois) :")
    print(token)
    return 0


def tenant_list(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        for tenant in session.scalars(select(Tenant).order_by(Tenant.name)):
            print(f"{tenant.id}\t{tenant.name}\tséquence {tenant.last_seq}\tcréé le {tenant.created_at:%Y-%m-%d}")
    engine.dispose()
    return 0


def device_list(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        for device, tenant in accounts.devices(session):
            state = f"révoqué le {device.revoked_at:%Y-%m-%d %H:%M}" if device.revoked_at else (
                "actif" if device.token_hash else "en attente d'appairage")
            print(f"{device.id}\t{tenant.name}\t{device.name}\t{state}")
    engine.dispose()
    return 0


def device_revoke(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    with db.sessions(engine)() as session:
        device = accounts.revoke(session, args.device_id, utc_now())
        if device is None:
            raise Mistake(f"poste inconnu : {args.device_id}")
        session.commit()
        name = device.name
    engine.dispose()
    print(f"Poste « {name} » révoqué : son jeton est désormais refusé.")
    return 0


def backup(args: argparse.Namespace) -> int:
    engine = _engine(args, existing=True)
    try:
        path = backups.make_backup(engine, args.out, utc_now().date())
    except OSError as exc:
        raise Mistake(f"sauvegarde impossible dans {args.out} : {system_reason(exc)}") from exc
    finally:
        engine.dispose()
    print(f"Sauvegarde écrite : {path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    with ExitStack() as held:
        _hold(held, backups.stopped, database_url(args))  # no server under it, and none starts before it ends
        engine = _engine(args)
        try:
            count = backups.restore(engine, args.file)
        except backups.BackupError as exc:
            raise Mistake(str(exc)) from exc
        finally:
            engine.dispose()
    print(f"Sauvegarde remise : {count} lignes ; les séquences reprennent {backups.SEQ_GAP} plus loin.",
          file=sys.stdout)
    return 0
