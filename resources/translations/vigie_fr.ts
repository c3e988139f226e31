<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Addendum</source>
        <translation>Additif</translation>
    </message>
    <message>
        <source>The addendum corrects or completes the signed document; it is numbered and signed with your password.</source>
        <translation>L&apos;additif corrige ou complète le document signé&#xa0;; il est numéroté et signé avec votre mot de passe.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Votre mot de passe</translation>
    </message>
    <message>
        <source>Sign the addendum</source>
        <translation>Signer l&apos;additif</translation>
    </message>
</context>
<context>
    <name>AdministrationPage</name>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Access rights</source>
        <translation>Droits d&apos;accès</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <source>The first administrator</source>
        <translation>Le premier administrateur</translation>
    </message>
    <message>
        <source>This account manages the other accounts and the station. It is a personal account.</source>
        <translation>Ce compte gère les autres comptes et le poste. C&apos;est un compte nominatif.</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nom complet&#xa0;:</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>Grade&#xa0;:</translation>
    </message>
    <message>
        <source>Matricule:</source>
        <translation>Matricule&#xa0;:</translation>
    </message>
    <message>
        <source>Password (12 characters or more):</source>
        <translation>Mot de passe (12 caractères ou plus)&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>From: {sender}
To: {to}
Date: {date}
Subject: {subject}</source>
        <translation>De&#xa0;: {sender}
À&#xa0;: {to}
Date&#xa0;: {date}
Objet&#xa0;: {subject}</translation>
    </message>
    <message>
        <source>Files carried by the e-mail:</source>
        <translation>Fichiers joints au courriel&#xa0;:</translation>
    </message>
    <message>
        <source>Vigie does not display this kind of file itself. Use « Save a copy outside Vigie » to open it with another program; the copy is written in the access journal.</source>
        <translation>Vigie n&apos;affiche pas lui-même ce type de fichier. Utilisez «&#xa0;Enregistrer une copie hors de Vigie&#xa0;» pour l&apos;ouvrir avec un autre programme&#xa0;; la copie est inscrite au journal des accès.</translation>
    </message>
</context>
<context>
    <name>BackupStatusLabel</name>
    <message>
        <source>Backup: no folder chosen</source>
        <translation>Sauvegarde&#xa0;: aucun dossier choisi</translation>
    </message>
    <message>
        <source>Backup: the folder cannot be found (disk unplugged?)</source>
        <translation>Sauvegarde&#xa0;: dossier introuvable (disque débranché&#xa0;?)</translation>
    </message>
    <message>
        <source>Backup: none made yet</source>
        <translation>Sauvegarde&#xa0;: aucune encore</translation>
    </message>
    <message>
        <source>Last good backup: {when}, more than 48 hours ago</source>
        <translation>Dernière sauvegarde vérifiée&#xa0;: {when}, il y a plus de 48 heures</translation>
    </message>
    <message>
        <source>Backed up on {when}</source>
        <translation>Sauvegardé le {when}</translation>
    </message>
    <message>
        <source>Backing up: {percent} %</source>
        <translation>Sauvegarde en cours&#xa0;: {percent} %</translation>
    </message>
    <message>
        <source>Backup failed: {reason}</source>
        <translation>Échec de la sauvegarde&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Changer mon mot de passe</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own before going on.</source>
        <translation>Votre mot de passe a été fixé par un administrateur. Choisissez le vôtre avant de continuer.</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Mot de passe actuel&#xa0;:</translation>
    </message>
    <message>
        <source>New password (12 characters or more):</source>
        <translation>Nouveau mot de passe (12 caractères ou plus)&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm the new password:</source>
        <translation>Confirmer le nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Les deux nouveaux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Records to settle</source>
        <translation>Fiches à arbitrer</translation>
    </message>
    <message>
        <source>Two stations changed these records while apart. Both versions are kept until you choose: keep one, or take each field from one side.</source>
        <translation>Deux postes ont modifié ces fiches chacun de son côté. Les deux versions sont conservées jusqu&apos;à votre choix&#xa0;: gardez l&apos;une, ou prenez chaque champ de l&apos;une ou de l&apos;autre.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Version in the table</source>
        <translation>Version en place</translation>
    </message>
    <message>
        <source>Concurrent version</source>
        <translation>Version concurrente</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>Every field that differs has its side.</source>
        <translation>Chaque champ qui diffère a son côté.</translation>
    </message>
    <message>
        <source>Save the field-by-field choice</source>
        <translation>Enregistrer le choix champ par champ</translation>
    </message>
    <message>
        <source>Version in the table:</source>
        <translation>Version en place&#xa0;:</translation>
    </message>
    <message>
        <source>Concurrent version:</source>
        <translation>Version concurrente&#xa0;:</translation>
    </message>
    <message>
        <source>{noun} {number}</source>
        <translation>{noun} {number}</translation>
    </message>
    <message>
        <source>Keep the version in the table</source>
        <translation>Garder la version en place</translation>
    </message>
    <message>
        <source>Keep the concurrent version</source>
        <translation>Garder la version concurrente</translation>
    </message>
    <message>
        <source>Nothing to settle.</source>
        <translation>Rien à arbitrer.</translation>
    </message>
    <message>
        <source>To choose</source>
        <translation>À choisir</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) left to choose</source>
        <translation>
            <numerusform>%n champ reste à choisir</numerusform>
            <numerusform>%n champs restent à choisir</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>A USB disk or a network share</source>
        <translation>Un disque USB ou un partage réseau</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Dossier de sauvegarde&#xa0;:</translation>
    </message>
    <message>
        <source>Save the folder</source>
        <translation>Enregistrer le dossier</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>The station backs itself up every 12 hours into this folder, checks each backup and keeps the last 14, one a week for two months and one a month for a year. A backup opens with the recovery code alone.</source>
        <translation>Le poste se sauvegarde toutes les 12 heures dans ce dossier, vérifie chaque sauvegarde et garde les 14 dernières, une par semaine pendant deux mois et une par mois pendant un an. Une sauvegarde s&apos;ouvre avec le seul code de secours.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>Sauvegardes&#xa0;:</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Code de secours&#xa0;:</translation>
    </message>
    <message>
        <source>into a new folder</source>
        <translation>dans un nouveau dossier</translation>
    </message>
    <message>
        <source>replace this station (a copy of it is kept)</source>
        <translation>remplacer ce poste (une copie en est gardée)</translation>
    </message>
    <message>
        <source>Restore:</source>
        <translation>Restaurer&#xa0;:</translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation>Nouveau dossier&#xa0;:</translation>
    </message>
    <message>
        <source>Check and show</source>
        <translation>Vérifier et afficher</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Complete export (open formats, encrypted)</source>
        <translation>Export complet (formats ouverts, chiffré)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Phrase de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Passphrase again:</source>
        <translation>Phrase de passe, à nouveau&#xa0;:</translation>
    </message>
    <message>
        <source>Motive:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choisir un dossier</translation>
    </message>
    <message>
        <source>The backup folder is saved.</source>
        <translation>Le dossier de sauvegarde est enregistré.</translation>
    </message>
    <message>
        <source>Choose a backup in the list.</source>
        <translation>Choisissez une sauvegarde dans la liste.</translation>
    </message>
    <message>
        <source>Replace this station</source>
        <translation>Remplacer ce poste</translation>
    </message>
    <message>
        <source>This station will be replaced by the backup of {date}. A copy of the station as it is now is kept in the folder {folder}, under the name {name}-before-restore- followed by today&apos;s date and time. Vigie then closes: start it again to open the restored station.</source>
        <translation>Ce poste va être remplacé par la sauvegarde du {date}. Une copie du poste tel qu&apos;il est maintenant est gardée dans le dossier {folder}, sous le nom {name}-before-restore- suivi de la date et de l&apos;heure du jour. Vigie se ferme ensuite&#xa0;: relancez-la pour ouvrir le poste restauré.</translation>
    </message>
    <message>
        <source>{error} The station is as it was, but this session is over: start Vigie again.</source>
        <translation>{error} Le poste est resté tel qu&apos;il était, mais cette session est terminée&#xa0;: relancez Vigie.</translation>
    </message>
    <message>
        <source>This station is replaced by the backup of {date}; the station it replaced is kept in {kept}. Vigie closes now: start it again to open the restored station.</source>
        <translation>Ce poste est remplacé par la sauvegarde du {date}&#xa0;; le poste remplacé est gardé dans {kept}. Vigie se ferme maintenant&#xa0;: relancez-la pour ouvrir le poste restauré.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases de passe diffèrent.</translation>
    </message>
    <message numerus="yes">
        <source>Export written: {path} (%n records).</source>
        <translation>
            <numerusform>Export écrit&#xa0;: {path} (%n enregistrement).</numerusform>
            <numerusform>Export écrit&#xa0;: {path} (%n enregistrements).</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup of {date}, station {station}, service {service}. Main courante entries: {entries}, PV and rapports: {writings}, journal entries: {journal}.</source>
        <translation>Sauvegarde du {date}, poste {station}, service {service}. Mains courantes&#xa0;: {entries}, PV et rapports&#xa0;: {writings}, entrées du journal&#xa0;: {journal}.</translation>
    </message>
    <message>
        <source>Backup made and checked: {path}</source>
        <translation>Sauvegarde faite et vérifiée&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Backup restored in {path}. Open it with “vigie --data-dir {path}”.</source>
        <translation>Sauvegarde restaurée dans {path}. Ouvrez-la avec «&#xa0;vigie --data-dir {path}&#xa0;».</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>{field}: “{text}” is not a date. Type it as dd/mm/yyyy, for instance 14/03/1991 or 14031991.</source>
        <translation>{field}&#xa0;: «&#xa0;{text}&#xa0;» n&apos;est pas une date. Tapez-la sous la forme jj/mm/aaaa, par exemple 14/03/1991 ou 14031991.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>{field}: give a date (dd/mm/yyyy).</source>
        <translation>{field}&#xa0;: donnez une date (jj/mm/aaaa).</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>jj/mm/aaaa hh:mm</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>{field}: give the time too, after the date: {day} 07:55 (or 0755).</source>
        <translation>{field}&#xa0;: donnez aussi l&apos;heure, après la date&#xa0;: {day} 07:55 (ou 0755).</translation>
    </message>
    <message>
        <source>{field}: “{text}” is not a date and time. Type them as dd/mm/yyyy hh:mm, for instance 14/03/1991 07:55 or 14031991 0755.</source>
        <translation>{field}&#xa0;: «&#xa0;{text}&#xa0;» n&apos;est pas une date et une heure. Tapez-les sous la forme jj/mm/aaaa hh:mm, par exemple 14/03/1991 07:55 ou 14031991 0755.</translation>
    </message>
    <message>
        <source>{field}: give the date and the time (dd/mm/yyyy hh:mm).</source>
        <translation>{field}&#xa0;: donnez la date et l&apos;heure (jj/mm/aaaa hh:mm).</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close the entry</source>
        <translation>Clôturer</translation>
    </message>
    <message>
        <source>Write a rapport / PV</source>
        <translation>Rédiger un rapport / PV</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Annuler (Échap)</translation>
    </message>
    <message>
        <source>Rapport / PV</source>
        <translation>Rapport / PV</translation>
    </message>
    <message>
        <source>New main courante entry</source>
        <translation>Nouvelle main courante</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Nouvelle main courante</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Main courante {number}</source>
        <translation>Main courante {number}</translation>
    </message>
    <message>
        <source>Entry {number}</source>
        <translation>Main courante {number}</translation>
    </message>
    <message>
        <source>{status} — recorded by {name} on {when}</source>
        <translation>{status} — enregistrée par {name} le {when}</translation>
    </message>
    <message>
        <source>Reopen the entry</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Writing a rapport or a PV from an entry comes with the Écrits module, which is not available yet in this version of Vigie.</source>
        <translation>La rédaction d&apos;un rapport ou d&apos;un PV depuis une main courante vient avec le module Écrits, qui n&apos;est pas encore disponible dans cette version de Vigie.</translation>
    </message>
    <message>
        <source>Leave this entry without saving what you typed?</source>
        <translation>Quitter cette main courante sans enregistrer votre saisie&#xa0;?</translation>
    </message>
</context>
<context>
    <name>EntryFields</name>
    <message>
        <source>Requested at</source>
        <translation>Date et heure de la demande</translation>
    </message>
    <message>
        <source>In a few words: what the call or the event is about</source>
        <translation>En quelques mots&#xa0;: l&apos;objet de l&apos;appel ou de l&apos;événement</translation>
    </message>
    <message>
        <source>Number, street, place in the commune</source>
        <translation>Numéro, rue, lieu-dit dans la commune</translation>
    </message>
    <message>
        <source>optional: latitude, longitude (46.5802, 0.3404)</source>
        <translation>facultatif&#xa0;: latitude, longitude (46.5802, 0.3404)</translation>
    </message>
    <message>
        <source>Start of the intervention</source>
        <translation>Début de l&apos;intervention</translation>
    </message>
    <message>
        <source>End of the intervention</source>
        <translation>Fin de l&apos;intervention</translation>
    </message>
    <message>
        <source>What was seen and heard, as established facts.</source>
        <translation>Ce qui a été vu et entendu, en faits établis.</translation>
    </message>
    <message>
        <source>The officer&apos;s assessments and opinions, kept apart from the facts.</source>
        <translation>Les appréciations de l&apos;agent, séparées des faits.</translation>
    </message>
    <message>
        <source>What the patrol did.</source>
        <translation>Ce que la patrouille a fait.</translation>
    </message>
    <message>
        <source>How it ended: warning, PV, handed to the OPJ, no follow-up…</source>
        <translation>Issue&#xa0;: avertissement, PV, remise à l&apos;OPJ, sans suite…</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Requested at *</source>
        <translation>Demande à *</translation>
    </message>
    <message>
        <source>Came by *</source>
        <translation>Canal *</translation>
    </message>
    <message>
        <source>Nature *</source>
        <translation>Nature *</translation>
    </message>
    <message>
        <source>Subject *</source>
        <translation>Objet *</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>GPS point</source>
        <comment>form label</comment>
        <translation>Point GPS</translation>
    </message>
    <message>
        <source>Agents</source>
        <comment>form label</comment>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Facts</source>
        <comment>form label</comment>
        <translation>Faits</translation>
    </message>
    <message>
        <source>Assessments</source>
        <comment>form label</comment>
        <translation>Appréciations</translation>
    </message>
    <message>
        <source>Action taken</source>
        <comment>form label</comment>
        <translation>Suites données</translation>
    </message>
    <message>
        <source>Outcome</source>
        <comment>form label</comment>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Intervention from</source>
        <translation>Intervention de</translation>
    </message>
    <message>
        <source>Rapport / PV</source>
        <translation>Rapport / PV</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(choisir)</translation>
    </message>
    <message>
        <source>Press Save again to save as it is.</source>
        <translation>Cliquez à nouveau sur Enregistrer pour enregistrer tel quel.</translation>
    </message>
</context>
<context>
    <name>EntryFiles</name>
    <message>
        <source>Attach a file…</source>
        <translation>Joindre un fichier…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Save a copy outside Vigie…</source>
        <translation>Enregistrer une copie hors de Vigie…</translation>
    </message>
    <message>
        <source>Photos (JPEG, PNG, WebP), PDF, office documents and e-mails (.eml): drop them here or attach them. They are kept encrypted.</source>
        <translation>Photos (JPEG, PNG, WebP), PDF, documents bureautiques et courriels (.eml)&#xa0;: déposez-les ici ou joignez-les. Ils sont conservés chiffrés.</translation>
    </message>
    <message>
        <source>Save the entry first (Ctrl+S), then attach its photos, documents and e-mails.</source>
        <translation>Enregistrez d&apos;abord la main courante (Ctrl+S), puis joignez ses photos, documents et courriels.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>Attachment being received</source>
        <translation>Pièce jointe en cours de réception</translation>
    </message>
    <message>
        <source>Attachments ({count})</source>
        <translation>Pièces jointes ({count})</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <source>Photos, documents and e-mails (*.jpg *.jpeg *.png *.webp *.pdf *.odt *.ods *.docx *.xlsx *.doc *.xls *.eml)</source>
        <translation>Photos, documents et courriels (*.jpg *.jpeg *.png *.webp *.pdf *.odt *.ods *.docx *.xlsx *.doc *.xls *.eml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The file {name} is still being received from another station; it opens after the next sync.</source>
        <translation>Le fichier {name} est encore en cours de réception depuis un autre poste&#xa0;; il s&apos;ouvrira après la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Save a copy outside Vigie</source>
        <translation>Enregistrer une copie hors de Vigie</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>Copy saved: {path}. The export is written in the access journal.</source>
        <translation>Copie enregistrée&#xa0;: {path}. L&apos;export est inscrit au journal des accès.</translation>
    </message>
</context>
<context>
    <name>EntryHistory</name>
    <message>
        <source>Version {version}, station {station} (made at the same time as another) — {change}, {when}, {who}</source>
        <translation>Version {version}, poste {station} (faite en même temps qu&apos;une autre) — {change}, {when}, {who}</translation>
    </message>
    <message>
        <source>Version {version} — {change}, {when}, {who}</source>
        <translation>Version {version} — {change}, {when}, {who}</translation>
    </message>
    <message>
        <source>Changed: {fields}</source>
        <translation>Modifié&#xa0;: {fields}</translation>
    </message>
    <message>
        <source>Subject: {subject}
Nature: {nature}
Place: {place}
Status: {status}
Facts:
{facts}
Assessments:
{assessments}
Action taken:
{action_taken}
Outcome: {outcome}</source>
        <translation>Objet&#xa0;: {subject}
Nature&#xa0;: {nature}
Lieu&#xa0;: {place}
État&#xa0;: {status}
Faits constatés&#xa0;:
{facts}
Appréciations&#xa0;:
{assessments}
Suites données&#xa0;:
{action_taken}
Issue&#xa0;: {outcome}</translation>
    </message>
</context>
<context>
    <name>EntryPeople</name>
    <message>
        <source>People belong to this entry only: Vigie keeps no index of people across the service.</source>
        <translation>Les personnes n&apos;appartiennent qu&apos;à cette main courante&#xa0;: Vigie ne tient aucun fichier des personnes à l&apos;échelle du service.</translation>
    </message>
    <message>
        <source>Add a person…</source>
        <translation>Ajouter une personne…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>{role} — {name}, born {born}</source>
        <translation>{role} — {name}, né(e) le {born}</translation>
    </message>
    <message>
        <source>People ({count})</source>
        <translation>Personnes ({count})</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Leave this form without saving what you typed?</source>
        <translation>Quitter ce formulaire sans enregistrer ce que vous avez saisi&#xa0;?</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Join an existing service</source>
        <translation>Rejoindre un service existant</translation>
    </message>
    <message>
        <source>Another station of the service is already enrolled on its sync server.</source>
        <translation>Un autre poste du service est déjà inscrit auprès de son serveur de synchronisation.</translation>
    </message>
    <message>
        <source>Sync server address:</source>
        <translation>Adresse du serveur de synchronisation&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s login:</source>
        <translation>Identifiant de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s password:</source>
        <translation>Mot de passe de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>On a station already enrolled, an administrator opens Administration &gt; Synchronisation, types this pairing code under “Approve a new station”, clicks Look up, and approves only if the fingerprint shown there is exactly this one. This station waits for that approval.</source>
        <translation>Sur un poste déjà inscrit, un administrateur ouvre Administration &gt; Synchronisation, saisit ce code d&apos;appairage sous «&#xa0;Approuver un nouveau poste&#xa0;», clique sur Rechercher, et n&apos;approuve que si l&apos;empreinte affichée là-bas est exactement celle-ci. Ce poste attend cette approbation.</translation>
    </message>
    <message>
        <source>Pairing code:</source>
        <translation>Code d&apos;appairage&#xa0;:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Empreinte&#xa0;:</translation>
    </message>
    <message>
        <source>The password typed is not that of {login}, an active administrator of the service. Type it again and click Next (attempt {attempt} of {attempts}): this station stays approved meanwhile.</source>
        <translation>Le mot de passe saisi n&apos;est pas celui du compte {login}, administrateur actif du service. Saisissez-le de nouveau et cliquez sur Suivant (essai {attempt} sur {attempts})&#xa0;: ce poste reste approuvé entre-temps.</translation>
    </message>
    <message>
        <source>The password typed is not that of %1, an active administrator of the service: nothing was kept on this computer. Type that administrator&apos;s password and click Next again; the other station will then approve a new pairing code.</source>
        <translation>Le mot de passe saisi n&apos;est pas celui du compte %1, administrateur actif du service&#xa0;: rien n&apos;a été conservé sur cet ordinateur. Saisissez le mot de passe de cet administrateur et cliquez de nouveau sur Suivant&#xa0;; un administrateur approuvera alors un nouveau code d&apos;appairage sur l&apos;autre poste.</translation>
    </message>
    <message>
        <source>No account of the service has reached the sync server yet: the station that registered it has not synced since. Sync it (Administration &gt; Synchronisation, or wait two minutes), then click Next again here; nothing was kept on this computer.</source>
        <translation>Aucun compte du service n&apos;est encore arrivé sur le serveur de synchronisation&#xa0;: le poste qui l&apos;a enregistré ne s&apos;est pas synchronisé depuis. Synchronisez-le (Administration &gt; Synchronisation, ou attendez deux minutes), puis cliquez de nouveau sur Suivant ici&#xa0;; rien n&apos;a été conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The sync server %1 cannot be reached: check its address and this computer&apos;s network, then click Next again.</source>
        <translation>Le serveur de synchronisation %1 est injoignable&#xa0;: vérifiez son adresse et le réseau de cet ordinateur, puis cliquez de nouveau sur Suivant.</translation>
    </message>
</context>
<context>
    <name>JournalCodeBox</name>
    <message>
        <source>Journal verification code</source>
        <translation>Code de vérification du journal</translation>
    </message>
    <message>
        <source>Hand this second code to the mayor, as data controller, to keep apart from the recovery code. It is shown only once and no station keeps it: it alone proves that the access journal of every station of the service was not rewritten, even by someone holding the station&apos;s keys.</source>
        <translation>Remettez ce second code au maire, responsable du traitement, qui le gardera à part du code de secours. Il n&apos;est affiché qu&apos;une fois et aucun poste ne le garde&#xa0;: lui seul prouve que le journal des accès de chaque poste du service n&apos;a pas été réécrit, même par quelqu&apos;un qui détient les clés du poste.</translation>
    </message>
</context>
<context>
    <name>JournalCounts</name>
    <message numerus="yes">
        <source>%n journal entries exported to {path}.</source>
        <translation>
            <numerusform>%n entrée du journal exportée dans {path}.</numerusform>
            <numerusform>%n entrées du journal exportées dans {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The PDF extract holds: the file is the one its manifest signs (%n entries).</source>
        <translation>
            <numerusform>L&apos;extrait PDF est intègre&#xa0;: le fichier est bien celui que signe son manifeste (%n entrée).</numerusform>
            <numerusform>L&apos;extrait PDF est intègre&#xa0;: le fichier est bien celui que signe son manifeste (%n entrées).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The extract holds, seals included: %n entries, the file and its signed manifest.</source>
        <translation>
            <numerusform>L&apos;extrait est intègre, sceaux compris&#xa0;: %n entrée, le fichier et son manifeste signé.</numerusform>
            <numerusform>L&apos;extrait est intègre, sceaux compris&#xa0;: %n entrées, le fichier et son manifeste signé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The extract holds: %n entries, the file and its signed manifest.</source>
        <translation>
            <numerusform>L&apos;extrait est intègre&#xa0;: %n entrée, le fichier et son manifeste signé.</numerusform>
            <numerusform>L&apos;extrait est intègre&#xa0;: %n entrées, le fichier et son manifeste signé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The station journal holds, seals included: %n entries, from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>Le journal du poste est intègre, sceaux compris&#xa0;: %n entrée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>Le journal du poste est intègre, sceaux compris&#xa0;: %n entrées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The station journal holds: %n entries, from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>Le journal du poste est intègre&#xa0;: %n entrée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>Le journal du poste est intègre&#xa0;: %n entrées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The journal of {station} ({id}) holds: %n entries received, from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>Le journal de {station} ({id}) est intègre&#xa0;: %n entrée reçue, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>Le journal de {station} ({id}) est intègre&#xa0;: %n entrées reçues, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <source>Access journal</source>
        <translation>Journal des accès</translation>
    </message>
    <message>
        <source>Who consulted, changed, printed, exported or erased which record, from which station, and why. Looking at this journal is itself written in it.</source>
        <translation>Qui a consulté, modifié, imprimé, exporté ou effacé quel enregistrement, depuis quel poste, et pourquoi. Consulter ce journal y est lui-même inscrit.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>all users</source>
        <translation>tous les utilisateurs</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Toutes les opérations</translation>
    </message>
    <message>
        <source>All compartments</source>
        <translation>Tous les compartiments</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>Tous les postes</translation>
    </message>
    <message>
        <source>record identifier</source>
        <translation>identifiant de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Au&#xa0;:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>Opération&#xa0;:</translation>
    </message>
    <message>
        <source>Compartment:</source>
        <translation>Compartiment&#xa0;:</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>Enregistrement&#xa0;:</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Poste&#xa0;:</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Verify the whole journal</source>
        <translation>Vérifier l&apos;intégrité du journal</translation>
    </message>
    <message>
        <source>Verify with the code…</source>
        <translation>Vérifier avec le code…</translation>
    </message>
    <message>
        <source>The period ends before it begins.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to {path}.
Signed manifest: {manifest}
Station key fingerprint: {fingerprint}</source>
        <translation>
            <numerusform>%n entrée exportée dans {path}.
Manifeste signé&#xa0;: {manifest}
Empreinte de la clé du poste&#xa0;: {fingerprint}</numerusform>
            <numerusform>%n entrées exportées dans {path}.
Manifeste signé&#xa0;: {manifest}
Empreinte de la clé du poste&#xa0;: {fingerprint}</numerusform>
        </translation>
    </message>
    <message>
        <source>No entry matches these filters.</source>
        <translation>Aucune entrée ne correspond à ces filtres.</translation>
    </message>
    <message numerus="yes">
        <source>%n matching entries</source>
        <translation>
            <numerusform>%n entrée correspondante</numerusform>
            <numerusform>%n entrées correspondantes</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the access journal</source>
        <translation>Exporter le journal des accès</translation>
    </message>
    <message>
        <source>Save the extract</source>
        <translation>Enregistrer l&apos;extrait</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>Fichier PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Vigie — Session locked</source>
        <translation>Vigie — Session verrouillée</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Session locked</source>
        <translation>Session verrouillée</translation>
    </message>
    <message>
        <source>The session of {name} is locked. Type your password to go back to your work.</source>
        <translation>La session de {name} est verrouillée. Saisissez votre mot de passe pour reprendre votre travail.</translation>
    </message>
    <message>
        <source>The session of {name} was locked after a period without activity. Type your password to go back to your work.</source>
        <translation>La session de {name} a été verrouillée après une période d&apos;inactivité. Saisissez votre mot de passe pour reprendre votre travail.</translation>
    </message>
    <message>
        <source>Incorrect password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
</context>
<context>
    <name>LogbookPage</name>
    <message>
        <source>Main courante</source>
        <translation>Main courante</translation>
    </message>
    <message>
        <source>New entry (Ctrl+N)</source>
        <translation>Nouvelle main courante (Ctrl+N)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Whole log</source>
        <translation>Tout le registre</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de recherche</translation>
    </message>
    <message>
        <source>Search the log: words, place, number such as 2026/00042 (Ctrl+F)</source>
        <translation>Rechercher&#xa0;: mots, lieu, numéro comme 2026/00042 (Ctrl+F)</translation>
    </message>
    <message>
        <source>a person&apos;s name (motive asked)</source>
        <translation>le nom d&apos;une personne (motif demandé)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>street, place</source>
        <translation>rue, lieu</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Plus récentes d&apos;abord</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Plus anciennes d&apos;abord</translation>
    </message>
    <message>
        <source>By number</source>
        <translation>Par numéro</translation>
    </message>
    <message>
        <source>Apply the filters</source>
        <translation>Appliquer les filtres</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Au&#xa0;:</translation>
    </message>
    <message>
        <source>Nature:</source>
        <translation>Nature&#xa0;:</translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation>Agent&#xa0;:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>État&#xa0;:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Lieu&#xa0;:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Tri&#xa0;:</translation>
    </message>
    <message>
        <source>Type words in the search field above, then Enter.</source>
        <translation>Saisissez des mots dans le champ de recherche ci-dessus, puis Entrée.</translation>
    </message>
    <message>
        <source>All natures</source>
        <translation>Toutes les natures</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Tous les agents</translation>
    </message>
    <message>
        <source>The period ends before it begins.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries match.</source>
        <translation>
            <numerusform>%n main courante correspond.</numerusform>
            <numerusform>%n mains courantes correspondent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vigie kept what you were typing when it last stopped (%n forms not saved). Open them again to finish and save them?</source>
        <translation>
            <numerusform>Vigie a conservé ce que vous saisissiez lors de son dernier arrêt (%n formulaire non enregistré). Le rouvrir pour le terminer et l&apos;enregistrer&#xa0;?</numerusform>
            <numerusform>Vigie a conservé ce que vous saisissiez lors de son dernier arrêt (%n formulaires non enregistrés). Les rouvrir pour les terminer et les enregistrer&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>No entry matches these filters.</source>
        <translation>Aucune main courante ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Search for a person</source>
        <translation>Rechercher une personne</translation>
    </message>
    <message>
        <source>Entries found for « {text} »:</source>
        <translation>Mains courantes trouvées pour «&#xa0;{text}&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>Nothing found for « {text} ».</source>
        <translation>Rien trouvé pour «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <source>Unsaved typing recovered</source>
        <translation>Saisie non enregistrée retrouvée</translation>
    </message>
    <message numerus="yes">
        <source>Open them again</source>
        <translation>
            <numerusform>Le rouvrir</numerusform>
            <numerusform>Les rouvrir</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard them</source>
        <translation>
            <numerusform>L&apos;abandonner</numerusform>
            <numerusform>Les abandonner</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Vigie — Login</source>
        <translation>Vigie — Connexion</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>All passwords lost? Use the recovery code…</source>
        <translation>Tous les mots de passe perdus&#xa0;? Utiliser le code de secours…</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>Municipal police station. Log in with your personal account.</source>
        <translation>Poste de police municipale. Connectez-vous avec votre compte personnel.</translation>
    </message>
    <message>
        <source>Enter your login and your password.</source>
        <translation>Saisissez votre identifiant et votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vigie — {service}</source>
        <translation>Vigie — {service}</translation>
    </message>
    <message>
        <source>Session locked</source>
        <translation>Session verrouillée</translation>
    </message>
    <message>
        <source>Municipal police
{commune}</source>
        <translation>Police municipale
{commune}</translation>
    </message>
    <message>
        <source>Main courante</source>
        <translation>Main courante</translation>
    </message>
    <message>
        <source>The daily log of the service: calls, patrol events and interventions.</source>
        <translation>Le registre quotidien du service&#xa0;: appels, événements de patrouille et interventions.</translation>
    </message>
    <message>
        <source>Écrits</source>
        <translation>Écrits</translation>
    </message>
    <message>
        <source>Procès-verbaux and rapports: drafting, signature, printing, transmission and follow-up.</source>
        <translation>Procès-verbaux et rapports&#xa0;: rédaction, signature, impression, transmission et suites judiciaires.</translation>
    </message>
    <message>
        <source>Demandes</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <source>Requests from citizens, elected officials and other services, handled as tasks.</source>
        <translation>Les demandes des administrés, des élus et des autres services, traitées comme des tâches.</translation>
    </message>
    <message>
        <source>Registres</source>
        <translation>Registres</translation>
    </message>
    <message>
        <source>Found objects, impounds, holiday watch and dangerous animals.</source>
        <translation>Objets trouvés, fourrière, opération tranquillité vacances et animaux dangereux.</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>The access journal: who consulted, changed, printed or exported which record, and why.</source>
        <translation>Le journal des accès&#xa0;: qui a consulté, modifié, imprimé ou exporté quelle fiche, et pourquoi.</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Changer mon mot de passe…</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>Verrouiller l&apos;écran</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Records to settle…</source>
        <translation>Fiches à arbitrer…</translation>
    </message>
    <message>
        <source>&amp;Modules</source>
        <translation>&amp;Modules</translation>
    </message>
    <message>
        <source>User: {who} ({login})</source>
        <translation>Utilisateur&#xa0;: {who} ({login})</translation>
    </message>
    <message>
        <source>Station: {service}, {commune}</source>
        <translation>Poste&#xa0;: {service}, {commune}</translation>
    </message>
</context>
<context>
    <name>MotiveDialog</name>
    <message>
        <source>This operation is written in the access journal with its motive.</source>
        <translation>Cette opération est inscrite au journal des accès avec son motif.</translation>
    </message>
    <message>
        <source>You may give a motive; it is written in the access journal.</source>
        <translation>Vous pouvez indiquer un motif&#xa0;; il est inscrit au journal des accès.</translation>
    </message>
    <message>
        <source>(choose a motive)</source>
        <translation>(choisir un motif)</translation>
    </message>
    <message>
        <source>Details: reference of the request, case number…</source>
        <translation>Précisions&#xa0;: référence de la réquisition, numéro de procédure…</translation>
    </message>
    <message>
        <source>Motive:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Précisions&#xa0;:</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>Destinataire&#xa0;:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Choose a motive or write one.</source>
        <translation>Choisissez un motif ou saisissez-le.</translation>
    </message>
    <message>
        <source>Name the recipient.</source>
        <translation>Indiquez le destinataire.</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Court outcome</source>
        <translation>Suite judiciaire</translation>
    </message>
    <message>
        <source>for a requalification: the new NATINF codes</source>
        <translation>pour une requalification&#xa0;: les nouveaux codes NATINF</translation>
    </message>
    <message>
        <source>An acquittal, a dismissal (classement sans suite) or a non-lieu erases the personal data of the case at once.</source>
        <translation>Une relaxe, un acquittement, un classement sans suite ou un non-lieu efface aussitôt les données personnelles de l&apos;affaire.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Décision du</translation>
    </message>
    <message>
        <source>Court or office</source>
        <translation>Juridiction ou parquet</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Précisions</translation>
    </message>
    <message>
        <source>New NATINF codes</source>
        <translation>Nouveaux codes NATINF</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Sign</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Votre mot de passe</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Person involved</source>
        <translation>Personne concernée</translation>
    </message>
    <message>
        <source>phone, e-mail</source>
        <translation>téléphone, courriel</translation>
    </message>
    <message>
        <source>for a minor: name and contact of the legal guardian</source>
        <translation>pour un mineur&#xa0;: nom et coordonnées du représentant légal</translation>
    </message>
    <message>
        <source>Role *</source>
        <translation>Qualité *</translation>
    </message>
    <message>
        <source>Last name *</source>
        <translation>Nom *</translation>
    </message>
    <message>
        <source>First names</source>
        <translation>Prénoms</translation>
    </message>
    <message>
        <source>Born on</source>
        <translation>Né(e) le</translation>
    </message>
    <message>
        <source>Born in</source>
        <translation>Né(e) à</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Pièce d&apos;identité</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Profession</translation>
    </message>
    <message>
        <source>Legal guardian</source>
        <translation>Représentant légal</translation>
    </message>
    <message>
        <source>Give at least a name.</source>
        <translation>Indiquez au moins un nom.</translation>
    </message>
    <message>
        <source>The birth date is in the future.</source>
        <translation>La date de naissance est dans le futur.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This module is not available yet in this version of Vigie.</source>
        <translation>Ce module n&apos;est pas encore disponible dans cette version de Vigie.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichiers&#xa0;:</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <source>The recovery code</source>
        <translation>Le code de secours</translation>
    </message>
    <message>
        <source>The station is created. This code is shown only once.</source>
        <translation>Le poste est créé. Ce code n&apos;est affiché qu&apos;une seule fois.</translation>
    </message>
    <message>
        <source>Write this code down on paper now and keep it in the service&apos;s safe. If every password is lost, it alone opens the station; without it, the data cannot be recovered. Do not keep it on this computer.</source>
        <translation>Recopiez ce code sur papier maintenant et rangez-le dans le coffre du service. Si tous les mots de passe sont perdus, lui seul ouvre le poste&#xa0;; sans lui, les données sont irrécupérables. Ne le conservez pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>I have written the code down and it will be kept in a safe.</source>
        <translation>J&apos;ai recopié le code et il sera rangé dans un coffre.</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>Type the recovery code kept in the safe since the station was created. It opens the station and sets a new password for an administrator.</source>
        <translation>Saisissez le code de secours rangé au coffre lors de la création du poste. Il ouvre le poste et fixe un nouveau mot de passe pour un administrateur.</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Code de secours&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s login:</source>
        <translation>Identifiant de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Open the station</source>
        <translation>Ouvrir le poste</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>Temporary password for {name}. They will have to change it at their next login; this also unlocks the account.</source>
        <translation>Mot de passe provisoire pour {name}. Il devra être changé à la prochaine connexion&#xa0;; le compte est aussi déverrouillé.</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Mot de passe provisoire&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>RightsPanel</name>
    <message>
        <source>{compartment}: {access}</source>
        <translation>{compartment}&#xa0;: {access}</translation>
    </message>
    <message>
        <source>Save the rights</source>
        <translation>Enregistrer les droits</translation>
    </message>
    <message>
        <source>Rights are checked by Vigie itself for every operation, whatever the screen. Accounts, settings and these rights stay with the administrators.</source>
        <translation>Vigie vérifie ces droits pour chaque opération, quel que soit l&apos;écran. Les comptes, les paramètres et ces droits restent réservés aux administrateurs.</translation>
    </message>
    <message>
        <source>Rights saved.</source>
        <translation>Droits enregistrés.</translation>
    </message>
</context>
<context>
    <name>SealedVerifyDialog</name>
    <message>
        <source>Verify the journal with its code</source>
        <translation>Vérifier le journal avec son code</translation>
    </message>
    <message>
        <source>Type the journal verification code the mayor keeps (eleven groups of letters and digits). It checks every entry&apos;s seal; it is used for this verification only and kept nowhere.</source>
        <translation>Tapez le code de vérification du journal que conserve le maire (onze groupes de lettres et de chiffres). Il contrôle le sceau de chaque entrée&#xa0;; il ne sert qu&apos;à cette vérification et n&apos;est conservé nulle part.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Type the journal verification code.</source>
        <translation>Tapez le code de vérification du journal.</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>The service</source>
        <translation>Le service</translation>
    </message>
    <message>
        <source>Which municipal police service will use this station?</source>
        <translation>Quel service de police municipale utilisera ce poste&#xa0;?</translation>
    </message>
    <message>
        <source>Police municipale de …</source>
        <translation>Police municipale de …</translation>
    </message>
    <message>
        <source>&amp;Create a new service</source>
        <translation>&amp;Créer un nouveau service</translation>
    </message>
    <message>
        <source>&amp;Join an existing service (another station is already enrolled)</source>
        <translation>&amp;Rejoindre un service existant (un autre poste est déjà inscrit)</translation>
    </message>
    <message>
        <source>Service name:</source>
        <translation>Nom du service&#xa0;:</translation>
    </message>
    <message>
        <source>Commune:</source>
        <translation>Commune&#xa0;:</translation>
    </message>
    <message>
        <source>INSEE code of the commune:</source>
        <translation>Code INSEE de la commune&#xa0;:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Département&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Accounts and screen lock</source>
        <translation>Comptes et verrouillage</translation>
    </message>
    <message>
        <source>Retention of data</source>
        <translation>Conservation des données</translation>
    </message>
    <message>
        <source>Motives for the access journal</source>
        <translation>Motifs pour le journal des accès</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Vigie — New station</source>
        <translation>Vigie — Nouveau poste</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Give up joining and quit? This station, already approved and filled, will be removed from this computer, and its approval given up on the server.</source>
        <translation>Abandonner l&apos;adhésion et quitter&#xa0;? Ce poste, déjà approuvé et rempli, sera supprimé de cet ordinateur, et son approbation abandonnée sur le serveur.</translation>
    </message>
    <message>
        <source>Stop waiting for the approval and quit? Nothing will be kept on this computer; do not approve the pairing code shown on the other station.</source>
        <translation>Cesser d&apos;attendre l&apos;approbation et quitter&#xa0;? Rien ne sera conservé sur cet ordinateur&#xa0;; n&apos;approuvez pas sur l&apos;autre poste le code d&apos;appairage affiché.</translation>
    </message>
    <message>
        <source>Quit without creating the station? What you typed will be lost.</source>
        <translation>Quitter sans créer le poste&#xa0;? Ce que vous avez saisi sera perdu.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>The station has joined the service as its station number {number}. This code is shown only once.</source>
        <translation>Le poste a rejoint le service, avec le numéro de poste {number}. Ce code n&apos;est affiché qu&apos;une seule fois.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
    <message>
        <source>Retention: erasing expired data…</source>
        <translation>Conservation&#xa0;: effacement des données échues…</translation>
    </message>
    <message>
        <source>Retention could not run: {reason}</source>
        <translation>La purge de conservation n&apos;a pas pu s&apos;exécuter&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>StationPanel</name>
    <message>
        <source>Service:</source>
        <translation>Service&#xa0;:</translation>
    </message>
    <message>
        <source>Commune:</source>
        <translation>Commune&#xa0;:</translation>
    </message>
    <message>
        <source>INSEE code:</source>
        <translation>Code INSEE&#xa0;:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Département&#xa0;:</translation>
    </message>
    <message>
        <source>Station identifier:</source>
        <translation>Identifiant du poste&#xa0;:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Dossier des données&#xa0;:</translation>
    </message>
    <message>
        <source>Signing key fingerprint:</source>
        <translation>Empreinte de la clé de signature&#xa0;:</translation>
    </message>
    <message>
        <source>Signing public key (Ed25519):</source>
        <translation>Clé publique de signature (Ed25519)&#xa0;:</translation>
    </message>
    <message>
        <source>Journal extracts are signed with this station&apos;s key. Give this fingerprint to whoever receives an extract: `vigie journal verify FILE --key FINGERPRINT` checks it.</source>
        <translation>Les extraits du journal sont signés avec la clé de ce poste. Communiquez cette empreinte à qui reçoit un extrait&#xa0;: «&#xa0;vigie journal verify FICHIER --key EMPREINTE&#xa0;» le vérifie.</translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message numerus="yes">
        <source>Sent: %n changes.</source>
        <translation>
            <numerusform>Envoyée au serveur&#xa0;: %n modification.</numerusform>
            <numerusform>Envoyées au serveur&#xa0;: %n modifications.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent: %n journal entries.</source>
        <translation>
            <numerusform>Envoyée au serveur&#xa0;: %n entrée du journal.</numerusform>
            <numerusform>Envoyées au serveur&#xa0;: %n entrées du journal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received from the other stations: %n records.</source>
        <translation>
            <numerusform>Reçu des autres postes&#xa0;: %n enregistrement.</numerusform>
            <numerusform>Reçus des autres postes&#xa0;: %n enregistrements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received from the other stations: %n erasures.</source>
        <translation>
            <numerusform>Reçu des autres postes&#xa0;: %n effacement.</numerusform>
            <numerusform>Reçus des autres postes&#xa0;: %n effacements.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received from the other stations: %n journal entries.</source>
        <translation>
            <numerusform>Reçue des autres postes&#xa0;: %n entrée du journal.</numerusform>
            <numerusform>Reçues des autres postes&#xa0;: %n entrées du journal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachment files sent: %n.</source>
        <translation>
            <numerusform>Fichier joint envoyé&#xa0;: %n.</numerusform>
            <numerusform>Fichiers joints envoyés&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachment files received: %n.</source>
        <translation>
            <numerusform>Fichier joint reçu&#xa0;: %n.</numerusform>
            <numerusform>Fichiers joints reçus&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Files of erased attachments deleted: %n.</source>
        <translation>
            <numerusform>Fichier de pièce jointe effacée supprimé&#xa0;: %n.</numerusform>
            <numerusform>Fichiers de pièces jointes effacées supprimés&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachment files still on their way: %n.</source>
        <translation>
            <numerusform>Fichier joint encore en chemin&#xa0;: %n.</numerusform>
            <numerusform>Fichiers joints encore en chemin&#xa0;: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachment files refused as not authentic: %n, journaled.</source>
        <translation>
            <numerusform>Fichier joint refusé comme non authentique&#xa0;: %n, inscrit au journal.</numerusform>
            <numerusform>Fichiers joints refusés comme non authentiques&#xa0;: %n, inscrits au journal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to exchange: this station and the server were up to date.</source>
        <translation>Rien à échanger&#xa0;: ce poste et le serveur étaient à jour.</translation>
    </message>
    <message numerus="yes">
        <source>The server had lost data: %n changes sent again.</source>
        <translation>
            <numerusform>Le serveur avait perdu des données&#xa0;: %n modification renvoyée.</numerusform>
            <numerusform>Le serveur avait perdu des données&#xa0;: %n modifications renvoyées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new conflicts to settle.</source>
        <translation>
            <numerusform>%n nouveau conflit à arbitrer.</numerusform>
            <numerusform>%n nouveaux conflits à arbitrer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This station&apos;s clock is %n minutes ahead of the server&apos;s.</source>
        <translation>
            <numerusform>L&apos;horloge de ce poste avance de %n minute sur celle du serveur.</numerusform>
            <numerusform>L&apos;horloge de ce poste avance de %n minutes sur celle du serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This station&apos;s clock is %n minutes behind the server&apos;s.</source>
        <translation>
            <numerusform>L&apos;horloge de ce poste retarde de %n minute sur celle du serveur.</numerusform>
            <numerusform>L&apos;horloge de ce poste retarde de %n minutes sur celle du serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This station&apos;s clock is about %n hours ahead of the server&apos;s.</source>
        <translation>
            <numerusform>L&apos;horloge de ce poste avance d&apos;environ %n heure sur celle du serveur.</numerusform>
            <numerusform>L&apos;horloge de ce poste avance d&apos;environ %n heures sur celle du serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This station&apos;s clock is about %n hours behind the server&apos;s.</source>
        <translation>
            <numerusform>L&apos;horloge de ce poste retarde d&apos;environ %n heure sur celle du serveur.</numerusform>
            <numerusform>L&apos;horloge de ce poste retarde d&apos;environ %n heures sur celle du serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts to settle.</source>
        <translation>
            <numerusform>%n conflit à arbitrer.</numerusform>
            <numerusform>%n conflits à arbitrer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n erasures sent of records changed elsewhere meanwhile: the erasure prevails, nothing to settle.</source>
        <translation>
            <numerusform>%n effacement envoyé d&apos;un enregistrement modifié entre-temps sur un autre poste&#xa0;: l&apos;effacement l&apos;emporte, rien à arbitrer.</numerusform>
            <numerusform>%n effacements envoyés d&apos;enregistrements modifiés entre-temps sur un autre poste&#xa0;: l&apos;effacement l&apos;emporte, rien à arbitrer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused (not authentic, or that this version cannot apply): %n envelopes, journaled.</source>
        <translation>
            <numerusform>Refusée (non authentique, ou que cette version ne peut appliquer)&#xa0;: %n enveloppe, inscrite au journal.</numerusform>
            <numerusform>Refusées (non authentiques, ou que cette version ne peut appliquer)&#xa0;: %n enveloppes, inscrites au journal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The station joined the service: %n records received.</source>
        <translation>
            <numerusform>Le poste a rejoint le service&#xa0;: %n enregistrement reçu.</numerusform>
            <numerusform>Le poste a rejoint le service&#xa0;: %n enregistrements reçus.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Dernière synchronisation&#xa0;:</translation>
    </message>
    <message>
        <source>Changes waiting:</source>
        <translation>Modifications en attente&#xa0;:</translation>
    </message>
    <message>
        <source>Conflicts to settle:</source>
        <translation>Conflits à arbitrer&#xa0;:</translation>
    </message>
    <message>
        <source>Refused envelopes:</source>
        <translation>Envois refusés&#xa0;:</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>Horloge&#xa0;:</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Settle the conflicts…</source>
        <translation>Arbitrer les conflits…</translation>
    </message>
    <message>
        <source>Register the service with a server</source>
        <translation>Enregistrer le service auprès d&apos;un serveur</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Adresse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Hosting token:</source>
        <translation>Jeton d&apos;hébergement&#xa0;:</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Approve a new station</source>
        <translation>Approuver un nouveau poste</translation>
    </message>
    <message>
        <source>The code the new station shows</source>
        <translation>Le code qu&apos;affiche le nouveau poste</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Pairing code:</source>
        <translation>Code d&apos;appairage&#xa0;:</translation>
    </message>
    <message>
        <source>Its key fingerprint:</source>
        <translation>Empreinte de sa clé&#xa0;:</translation>
    </message>
    <message>
        <source>Compare it with the fingerprint the new station shows. Approve only if every character is the same.</source>
        <translation>Comparez-la avec l&apos;empreinte qu&apos;affiche le nouveau poste. N&apos;approuvez que si chaque caractère est identique.</translation>
    </message>
    <message>
        <source>The fingerprints match: approve</source>
        <translation>Les empreintes sont identiques&#xa0;: approuver</translation>
    </message>
    <message>
        <source>Give the server address and the hosting token.</source>
        <translation>Indiquez l&apos;adresse du serveur et le jeton d&apos;hébergement.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Synchronisé.</translation>
    </message>
    <message>
        <source>The service is registered with the server. Other stations can now join it.</source>
        <translation>Le service est enregistré auprès du serveur. D&apos;autres postes peuvent maintenant le rejoindre.</translation>
    </message>
    <message>
        <source>The new station is approved as station number {number}: it receives the service&apos;s keys and starts its sync.</source>
        <translation>Le nouveau poste est approuvé, avec le numéro de poste {number}&#xa0;: il reçoit les clés du service et commence sa synchronisation.</translation>
    </message>
    <message>
        <source>The server cannot be reached: the station works offline, its changes wait.</source>
        <translation>Le serveur est injoignable&#xa0;: le poste travaille hors ligne, ses modifications attendent.</translation>
    </message>
    <message>
        <source>Not set up: this station is not registered with a sync server.</source>
        <translation>Non configuré&#xa0;: ce poste n&apos;est enregistré auprès d&apos;aucun serveur de synchronisation.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>{minutes} min ahead of the server&apos;s</source>
        <translation>en avance de {minutes} min sur le serveur</translation>
    </message>
    <message>
        <source>{minutes} min behind the server&apos;s</source>
        <translation>en retard de {minutes} min sur le serveur</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>à l&apos;heure</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message numerus="yes">
        <source>Syncing: %Ln changes sent…</source>
        <translation>
            <numerusform>Synchronisation&#xa0;: %Ln modification envoyée…</numerusform>
            <numerusform>Synchronisation&#xa0;: %Ln modifications envoyées…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %Ln records received…</source>
        <translation>
            <numerusform>Synchronisation&#xa0;: %Ln enregistrement reçu…</numerusform>
            <numerusform>Synchronisation&#xa0;: %Ln enregistrements reçus…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync: not set up</source>
        <translation>Synchronisation&#xa0;: non configurée</translation>
    </message>
    <message numerus="yes">
        <source>Offline, last synced on {when}, %n changes waiting</source>
        <translation>
            <numerusform>Hors ligne, dernière synchronisation le {when}, %n modification en attente</numerusform>
            <numerusform>Hors ligne, dernière synchronisation le {when}, %n modifications en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet, {waiting} waiting</source>
        <translation>Pas encore synchronisé, {waiting} en attente</translation>
    </message>
    <message>
        <source>Synced on {when}, {waiting} waiting</source>
        <translation>Synchronisé le {when}, {waiting} en attente</translation>
    </message>
    <message>
        <source>clock {minutes} min ahead</source>
        <translation>horloge en avance de {minutes} min</translation>
    </message>
    <message>
        <source>clock {minutes} min behind</source>
        <translation>horloge en retard de {minutes} min</translation>
    </message>
    <message numerus="yes">
        <source>Offline, %n changes waiting</source>
        <translation>
            <numerusform>Hors ligne, %n modification en attente</numerusform>
            <numerusform>Hors ligne, %n modifications en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts to settle</source>
        <translation>
            <numerusform>%n conflit à arbitrer</numerusform>
            <numerusform>%n conflits à arbitrer</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Échec de la synchronisation&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Click to settle the conflicts</source>
        <translation>Cliquez pour arbitrer les conflits</translation>
    </message>
</context>
<context>
    <name>TodayCount</name>
    <message>
        <source>No entry today, and none open.</source>
        <translation>Aucune main courante aujourd&apos;hui, aucune en cours.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries today, none open.</source>
        <translation>
            <numerusform>%n main courante aujourd&apos;hui, aucune en cours.</numerusform>
            <numerusform>%n mains courantes aujourd&apos;hui, aucune en cours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries today or still open, {open} of them open.</source>
        <translation>
            <numerusform>%n main courante du jour ou en cours, dont {open} en cours.</numerusform>
            <numerusform>%n mains courantes du jour ou en cours, dont {open} en cours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransmissionDialog</name>
    <message>
        <source>Record a transmission</source>
        <translation>Enregistrer une transmission</translation>
    </message>
    <message>
        <source>e.g. OPJ of the gendarmerie of Montclair, parquet of Poitiers</source>
        <translation>ex.&#xa0;: OPJ de la brigade de gendarmerie de Montclair, parquet de Poitiers</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>courriel</translation>
    </message>
    <message>
        <source>handed in person</source>
        <translation>remis en main propre</translation>
    </message>
    <message>
        <source>post</source>
        <translation>courrier</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>télécopie</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Name, service</source>
        <translation>Nom, service</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Envoyé le</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>Moyen</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nom complet&#xa0;:</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>Grade&#xa0;:</translation>
    </message>
    <message>
        <source>Matricule:</source>
        <translation>Matricule&#xa0;:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Mot de passe provisoire&#xa0;:</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>The new user will choose their own password at first login.</source>
        <translation>Le nouvel utilisateur choisira son propre mot de passe à sa première connexion.</translation>
    </message>
    <message>
        <source>Create the account</source>
        <translation>Créer le compte</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Matricule</source>
        <translation>Matricule</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Nouveau compte…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Enable again</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Reset the password…</source>
        <translation>Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <source>Accounts are never deleted: a disabled account keeps its history in the journal.</source>
        <translation>Les comptes ne sont jamais supprimés&#xa0;: un compte désactivé garde son historique dans le journal.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Disable the account</source>
        <translation>Désactiver le compte</translation>
    </message>
    <message>
        <source>Disable the account of {name}? They will no longer be able to log in; their history is kept.</source>
        <translation>Désactiver le compte de {name}&#xa0;? Il ne pourra plus se connecter&#xa0;; son historique est conservé.</translation>
    </message>
</context>
<context>
    <name>WritingDialog</name>
    <message>
        <source>Save the draft (Ctrl+S)</source>
        <translation>Enregistrer le brouillon (Ctrl+S)</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Signer…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Addendum…</source>
        <translation>Additif…</translation>
    </message>
    <message>
        <source>Record a transmission…</source>
        <translation>Transmission…</translation>
    </message>
    <message>
        <source>Court outcome…</source>
        <translation>Suite judiciaire…</translation>
    </message>
    <message>
        <source>Delete the draft…</source>
        <translation>Supprimer le brouillon…</translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>Nouveau document&#xa0;: {kind}</translation>
    </message>
    <message>
        <source>Not recorded yet: the document takes its number when it is first saved.</source>
        <translation>Pas encore enregistré&#xa0;: le document prend son numéro à son premier enregistrement.</translation>
    </message>
    <message>
        <source>{status} — by {grade} {name}, matricule {matricule}</source>
        <translation>{status} — par {grade} {name}, matricule {matricule}</translation>
    </message>
    <message>
        <source>Signed on {when}; content hash {hash}</source>
        <translation>Signé le {when}&#xa0;; empreinte du contenu {hash}</translation>
    </message>
    <message>
        <source>From the main courante entry {number}</source>
        <translation>Issu de la main courante {number}</translation>
    </message>
    <message>
        <source>This document is signed: it can no longer be changed. A correction is an addendum.</source>
        <translation>Ce document est signé&#xa0;: il ne peut plus être modifié. Une correction se fait par additif.</translation>
    </message>
    <message>
        <source>Type the document before saving it: an empty draft takes no number.</source>
        <translation>Rédigez le document avant de l&apos;enregistrer&#xa0;: un brouillon vide ne prend pas de numéro.</translation>
    </message>
    <message>
        <source>No offence of the loaded NATINF table matches “{query}”.</source>
        <translation>Aucune infraction de la table NATINF chargée ne correspond à «&#xa0;{query}&#xa0;».</translation>
    </message>
    <message>
        <source>Leave this document without saving what you typed?</source>
        <translation>Quitter ce document sans enregistrer ce que vous avez saisi&#xa0;?</translation>
    </message>
    <message>
        <source>Delete the draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
    <message>
        <source>Delete the draft {number}? What it holds is lost, and its number is voided: it will not be given again.</source>
        <translation>Supprimer le brouillon {number}&#xa0;? Son contenu est perdu et son numéro est annulé&#xa0;: il ne sera plus jamais attribué.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucune pour l&apos;instant)</translation>
    </message>
    <message>
        <source>Content altered: this document no longer matches its signature</source>
        <translation>Contenu altéré&#xa0;: ce document ne correspond plus à sa signature</translation>
    </message>
    <message>
        <source>This document is signed and can no longer be changed. To correct it, write an addendum.</source>
        <translation>Ce document est signé et ne peut plus être modifié. Pour le corriger, rédigez un additif.</translation>
    </message>
</context>
<context>
    <name>WritingFields</name>
    <message>
        <source>Date and time of the facts</source>
        <translation>Date et heure des faits</translation>
    </message>
    <message>
        <source>NATINF codes, separated by commas (search below)</source>
        <translation>Codes NATINF, séparés par des virgules (recherche ci-dessous)</translation>
    </message>
    <message>
        <source>Search the NATINF table: a code or words (stationnement…)</source>
        <translation>Rechercher dans la table NATINF&#xa0;: un code ou des mots (stationnement…)</translation>
    </message>
    <message>
        <source>Handed to an OPJ on</source>
        <translation>Remise à un OPJ le</translation>
    </message>
    <message>
        <source>Add a person…</source>
        <translation>Ajouter une personne…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Nature of the offence</source>
        <translation>Nature de l&apos;infraction</translation>
    </message>
    <message>
        <source>NATINF</source>
        <translation>NATINF</translation>
    </message>
    <message>
        <source>Vehicle plate</source>
        <translation>Immatriculation</translation>
    </message>
    <message>
        <source>Assisting agents</source>
        <translation>Agents assistants</translation>
    </message>
    <message>
        <source>Facts (what was established)</source>
        <translation>Faits (ce qui a été constaté)</translation>
    </message>
    <message>
        <source>Assessments (kept apart from the facts)</source>
        <translation>Appréciations (séparées des faits)</translation>
    </message>
    <message>
        <source>Person handed to an OPJ (when, to whom)</source>
        <translation>Personne remise à un OPJ (quand, à qui)</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>Personnes concernées</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suites</translation>
    </message>
    <message>
        <source>Addendum {number} of {when}</source>
        <translation>Additif {number} du {when}</translation>
    </message>
    <message>
        <source>Sent to {kind} {name} on {when} ({means})</source>
        <translation>Transmis à {kind} {name} le {when} ({means})</translation>
    </message>
    <message>
        <source>{kind} on {when} ({authority})</source>
        <translation>{kind} le {when} ({authority})</translation>
    </message>
    <message>
        <source>Personal data of the case erased on {when}.</source>
        <translation>Données personnelles de l&apos;affaire effacées le {when}.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucune pour l&apos;instant)</translation>
    </message>
</context>
<context>
    <name>WritingFollowUp</name>
    <message>
        <source>Sign the document</source>
        <translation>Signer le document</translation>
    </message>
    <message>
        <source>Signing locks the document: it can no longer be changed, only corrected by an addendum. Type your password to sign.</source>
        <translation>La signature verrouille le document&#xa0;: il ne pourra plus être modifié, seulement corrigé par un additif. Saisissez votre mot de passe pour signer.</translation>
    </message>
    <message>
        <source>Transmission of the procedure</source>
        <translation>Transmission de la procédure</translation>
    </message>
</context>
<context>
    <name>WritingOutput</name>
    <message>
        <source>Print the document</source>
        <translation>Imprimer le document</translation>
    </message>
    <message>
        <source>Save the document as PDF</source>
        <translation>Enregistrer le document en PDF</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
</context>
<context>
    <name>WritingOutputCounts</name>
    <message numerus="yes">
        <source>Saved: {path} (%n pages). The export is written in the access journal.</source>
        <translation>
            <numerusform>Enregistré&#xa0;: {path} (%n page). L&apos;export est inscrit au journal des accès.</numerusform>
            <numerusform>Enregistré&#xa0;: {path} (%n pages). L&apos;export est inscrit au journal des accès.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WritingsPage</name>
    <message>
        <source>Écrits: procès-verbaux and rapports</source>
        <translation>Écrits&#xa0;: procès-verbaux et rapports</translation>
    </message>
    <message>
        <source>New document</source>
        <translation>Nouveau document</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>{status}: content altered</source>
        <translation>{status}&#xa0;: contenu altéré</translation>
    </message>
    <message>
        <source>This signed document no longer matches its signature: it was changed outside Vigie. It is neither shown nor printed; have it examined.</source>
        <translation>Ce document signé ne correspond plus à sa signature&#xa0;: il a été modifié en dehors de Vigie. Il n&apos;est ni affiché ni imprimé&#xa0;; faites-le examiner.</translation>
    </message>
    <message>
        <source>Number voided</source>
        <translation>Numéro annulé</translation>
    </message>
    <message>
        <source>Number missing</source>
        <translation>Numéro manquant</translation>
    </message>
    <message>
        <source>No document of this station bears this number</source>
        <translation>Aucun document de ce poste ne porte ce numéro</translation>
    </message>
</context>
<context>
    <name>_TypedField</name>
    <message>
        <source>Choose in a calendar (Alt+Down)</source>
        <translation>Choisir dans un calendrier (Alt+Bas)</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>utilisation&#xa0;: </translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s&#xa0;: erreur&#xa0;: %(message)s
</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>arguments positionnels&#xa0;</translation>
    </message>
    <message>
        <source>options</source>
        <translation>options&#xa0;</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>afficher cette aide et quitter</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>afficher la version du programme et quitter</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>les arguments suivants sont obligatoires&#xa0;: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>arguments non reconnus&#xa0;: %s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>choix invalide&#xa0;: %(value)r (choisir parmi %(choices)s)</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s&#xa0;: %(message)s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>un argument attendu</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>au moins un argument attendu</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>au plus un argument attendu</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>valeur %(type)s invalide&#xa0;: %(value)r</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>non autorisé avec l&apos;argument %s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>option ambiguë&#xa0;: %(option)s peut correspondre à %(matches)s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>l&apos;un des arguments %s est obligatoire</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>argument explicite ignoré&#xa0;: %r</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>impossible d&apos;ouvrir «&#xa0;%(filename)s&#xa0;»&#xa0;: %(error)s</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>%s argument attendu</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>%s arguments attendus</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>LOGIN</source>
        <translation>IDENTIFIANT</translation>
    </message>
    <message>
        <source>your login</source>
        <translation>votre identifiant</translation>
    </message>
    <message>
        <source>Your password:</source>
        <translation>Votre mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Temporary password for the account:</source>
        <translation>Mot de passe provisoire du compte&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator&apos;s password:</source>
        <translation>Mot de passe de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Code de secours&#xa0;:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nom complet&#xa0;:</translation>
    </message>
    <message>
        <source>Motive:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Recipient (empty if none):</source>
        <translation>Destinataire (vide si aucun)&#xa0;:</translation>
    </message>
    <message>
        <source>{what}; leave it out to give it on standard input (an option shows in the process list to the other users of this machine)</source>
        <translation>{what}&#xa0;; l&apos;omettre pour le donner sur l&apos;entrée standard (une option apparaît dans la liste des processus aux autres utilisateurs de cette machine)</translation>
    </message>
    <message>
        <source>Interrupted: what was under way was cancelled, and nothing of it was saved; what was already finished stays saved.</source>
        <translation>Interrompu&#xa0;: ce qui était en cours a été annulé et rien n&apos;en a été enregistré&#xa0;; ce qui était déjà terminé reste enregistré.</translation>
    </message>
    <message>
        <source>An unexpected error occurred; nothing more was done. The details are in the log file of the station&apos;s folder.</source>
        <translation>Une erreur inattendue s&apos;est produite&#xa0;; rien de plus n&apos;a été fait. Le détail figure dans le fichier journal technique du dossier du poste.</translation>
    </message>
    <message>
        <source>re-encrypt the database under a new key (stdin: your password)</source>
        <translation>rechiffrer la base sous une nouvelle clé (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>all passwords lost: open with the recovery code (stdin: the code, then the new password)</source>
        <translation>tous les mots de passe perdus&#xa0;: ouvrir avec le code de secours (entrée standard&#xa0;: le code, puis le nouveau mot de passe)</translation>
    </message>
    <message>
        <source>the administrator whose password is replaced</source>
        <translation>l&apos;administrateur dont le mot de passe est remplacé</translation>
    </message>
    <message>
        <source>the service&apos;s name</source>
        <translation>le nom du service</translation>
    </message>
    <message>
        <source>the commune&apos;s name</source>
        <translation>le nom de la commune</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>the commune&apos;s INSEE code</source>
        <translation>le code INSEE de la commune</translation>
    </message>
    <message>
        <source>department code, e.g. 86</source>
        <translation>code du département, par exemple 86</translation>
    </message>
    <message>
        <source>the first administrator&apos;s login</source>
        <translation>l&apos;identifiant du premier administrateur</translation>
    </message>
    <message>
        <source>the administrator&apos;s grade</source>
        <translation>le grade de l&apos;administrateur</translation>
    </message>
    <message>
        <source>the administrator&apos;s matricule</source>
        <translation>le matricule de l&apos;administrateur</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>gérer les comptes</translation>
    </message>
    <message>
        <source>The administrator&apos;s full name (empty: the login):</source>
        <translation>Nom complet de l&apos;administrateur (vide&#xa0;: l&apos;identifiant)&#xa0;:</translation>
    </message>
    <message>
        <source>create a station (stdin: the administrator&apos;s password, then their full name unless --admin-name)</source>
        <translation>créer un poste (entrée standard&#xa0;: le mot de passe de l&apos;administrateur, puis son nom complet sauf avec --admin-name)</translation>
    </message>
    <message>
        <source>the administrator&apos;s full name (an empty line: the login)</source>
        <translation>le nom complet de l&apos;administrateur (une ligne vide&#xa0;: l&apos;identifiant)</translation>
    </message>
    <message>
        <source>create an account (stdin: your password, the new temporary password, then the full name unless --name)</source>
        <translation>créer un compte (entrée standard&#xa0;: votre mot de passe, le mot de passe provisoire, puis le nom complet sauf avec --name)</translation>
    </message>
    <message>
        <source>the new account&apos;s login</source>
        <translation>l&apos;identifiant du nouveau compte</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nom complet</translation>
    </message>
    <message>
        <source>the account&apos;s role</source>
        <translation>le rôle du compte</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>grade</translation>
    </message>
    <message>
        <source>matricule</source>
        <translation>matricule</translation>
    </message>
    <message>
        <source>list accounts (stdin: your password)</source>
        <translation>lister les comptes (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>disable an account (stdin: your password)</source>
        <translation>désactiver un compte (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>the account to disable</source>
        <translation>le compte à désactiver</translation>
    </message>
    <message>
        <source>give a temporary password, changed at next login (stdin: your password, then the temporary one)</source>
        <translation>donner un mot de passe provisoire, à changer à la prochaine connexion (entrée standard&#xa0;: votre mot de passe, puis le provisoire)</translation>
    </message>
    <message>
        <source>the account whose password is reset</source>
        <translation>le compte dont le mot de passe est réinitialisé</translation>
    </message>
    <message>
        <source>Station created in {path}.</source>
        <translation>Poste créé dans {path}.</translation>
    </message>
    <message>
        <source>Hand this second code to the mayor, as data controller, to keep apart from the first: it is shown only once, no station keeps it, and it alone proves that the access journal of every station of the service was not rewritten (vigie journal verify --station --sealed).</source>
        <translation>Remettez ce second code au maire, responsable du traitement, qui le gardera à part du premier&#xa0;: il n&apos;est affiché qu&apos;une fois, aucun poste ne le garde, et lui seul prouve que le journal des accès de chaque poste du service n&apos;a pas été réécrit (vigie journal verify --station --sealed).</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>The two passwords differ: type them again.</source>
        <translation>Les deux mots de passe sont différents&#xa0;: tapez-les de nouveau.</translation>
    </message>
    <message>
        <source>Passphrase of the export:</source>
        <translation>Phrase de passe de l&apos;export&#xa0;:</translation>
    </message>
    <message>
        <source>New password of the administrator:</source>
        <translation>Nouveau mot de passe de l&apos;administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>make a backup now, check it and rotate the old ones (stdin: your password)</source>
        <translation>faire une sauvegarde maintenant, la vérifier et faire tourner les anciennes (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>the backup folder (default: the one configured)</source>
        <translation>le dossier de sauvegarde (par défaut&#xa0;: celui qui est choisi)</translation>
    </message>
    <message>
        <source>check the backup with SQLite&apos;s full integrity_check (by default: the first backup of each week)</source>
        <translation>vérifier la sauvegarde avec l&apos;integrity_check complet de SQLite (par défaut&#xa0;: la première sauvegarde de chaque semaine)</translation>
    </message>
    <message>
        <source>restore a backup into --data-dir (stdin: with --replace your password first, then the recovery code)</source>
        <translation>restaurer une sauvegarde dans --data-dir (entrée standard&#xa0;: avec --replace votre mot de passe d&apos;abord, puis le code de secours)</translation>
    </message>
    <message>
        <source>the backup&apos;s folder</source>
        <translation>le dossier de la sauvegarde</translation>
    </message>
    <message>
        <source>replace the station in --data-dir (it is kept beside it); needs --as, an administrator</source>
        <translation>remplacer le poste de --data-dir (il est conservé à côté)&#xa0;; demande --as, un administrateur</translation>
    </message>
    <message>
        <source>only check the backup and show what it holds</source>
        <translation>seulement vérifier la sauvegarde et montrer ce qu&apos;elle contient</translation>
    </message>
    <message>
        <source>check the backup with SQLite&apos;s full integrity_check too (slower)</source>
        <translation>vérifier aussi la sauvegarde avec l&apos;integrity_check complet de SQLite (plus lent)</translation>
    </message>
    <message>
        <source>your login (with --replace)</source>
        <translation>votre identifiant (avec --replace)</translation>
    </message>
    <message>
        <source>export every record in open formats, in a zip encrypted with a passphrase (stdin: your password, the passphrase, then the motive unless --motive)</source>
        <translation>exporter tous les enregistrements en formats ouverts, dans un zip chiffré par une phrase de passe (entrée standard&#xa0;: votre mot de passe, la phrase de passe, puis le motif sauf --motive)</translation>
    </message>
    <message>
        <source>the zip to write</source>
        <translation>le zip à écrire</translation>
    </message>
    <message>
        <source>why the export is made (required)</source>
        <translation>pourquoi l&apos;export est fait (obligatoire)</translation>
    </message>
    <message>
        <source>build a new station in --data-dir from an export (stdin: the passphrase, then the administrator&apos;s new password)</source>
        <translation>créer un nouveau poste dans --data-dir à partir d&apos;un export (entrée standard&#xa0;: la phrase de passe, puis le nouveau mot de passe de l&apos;administrateur)</translation>
    </message>
    <message>
        <source>the export&apos;s zip</source>
        <translation>le zip de l&apos;export</translation>
    </message>
    <message>
        <source>the administrator of the export who gets the new password</source>
        <translation>l&apos;administrateur de l&apos;export qui reçoit le nouveau mot de passe</translation>
    </message>
    <message>
        <source>Backup made and checked: {path}</source>
        <translation>Sauvegarde faite et vérifiée&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Old backup removed: {name}</source>
        <translation>Ancienne sauvegarde supprimée&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Backup: {percent} %</source>
        <translation>Sauvegarde&#xa0;: {percent} %</translation>
    </message>
    <message>
        <source>Restoring: {percent} %</source>
        <translation>Restauration&#xa0;: {percent} %</translation>
    </message>
    <message>
        <source>Backup of {date}: station {station}, service {service} ({commune}).</source>
        <translation>Sauvegarde du {date}&#xa0;: poste {station}, service {service} ({commune}).</translation>
    </message>
    <message numerus="yes">
        <source>Journal: %n entries, up to number {seq}.</source>
        <translation>
            <numerusform>Journal&#xa0;: %n entrée, jusqu&apos;au numéro {seq}.</numerusform>
            <numerusform>Journal&#xa0;: %n entrées, jusqu&apos;au numéro {seq}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The journal goes back by %n entries: they stay in the kept copy, and the restore is journaled.</source>
        <translation>
            <numerusform>Le journal revient en arrière de %n entrée&#xa0;: elle reste dans la copie conservée, et la restauration est journalisée.</numerusform>
            <numerusform>Le journal revient en arrière de %n entrées&#xa0;: elles restent dans la copie conservée, et la restauration est journalisée.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export written: {path} (%n records).</source>
        <translation>
            <numerusform>Export écrit&#xa0;: {path} (%n enregistrement).</numerusform>
            <numerusform>Export écrit&#xa0;: {path} (%n enregistrements).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Station built in {path} from the export: %n records.</source>
        <translation>
            <numerusform>Poste créé dans {path} à partir de l&apos;export&#xa0;: %n enregistrement.</numerusform>
            <numerusform>Poste créé dans {path} à partir de l&apos;export&#xa0;: %n enregistrements.</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup restored in {path}.</source>
        <translation>Sauvegarde restaurée dans {path}.</translation>
    </message>
    <message>
        <source>The station it replaced is kept in {path}.</source>
        <translation>Le poste qu&apos;elle remplace est conservé dans {path}.</translation>
    </message>
    <message>
        <source>Export: {percent} %</source>
        <translation>Export&#xa0;: {percent} %</translation>
    </message>
    <message>
        <source>Import: {percent} %</source>
        <translation>Import&#xa0;: {percent} %</translation>
    </message>
    <message>
        <source>Recovery code: {code}</source>
        <translation>Code de secours&#xa0;: {code}</translation>
    </message>
    <message>
        <source>Write this code down now and keep it in a safe: it is shown only once, and it alone opens the station if every password is lost.</source>
        <translation>Recopiez ce code maintenant et rangez-le dans un coffre&#xa0;: il n&apos;est affiché qu&apos;une fois, et lui seul ouvre le poste si tous les mots de passe sont perdus.</translation>
    </message>
    <message>
        <source>Account {login} created; its password must be changed at first login.</source>
        <translation>Compte {login} créé&#xa0;; son mot de passe devra être changé à la première connexion.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Account {login} disabled; its history is kept.</source>
        <translation>Compte {login} désactivé&#xa0;; son historique est conservé.</translation>
    </message>
    <message>
        <source>Password of {login} reset; it must be changed at next login.</source>
        <translation>Mot de passe de {login} réinitialisé&#xa0;; il devra être changé à la prochaine connexion.</translation>
    </message>
    <message>
        <source>The database is now encrypted under a new key.</source>
        <translation>La base de données est maintenant chiffrée avec une nouvelle clé.</translation>
    </message>
    <message>
        <source>Station opened with the recovery code; new password set for {login}.</source>
        <translation>Poste ouvert avec le code de secours&#xa0;; nouveau mot de passe fixé pour {login}.</translation>
    </message>
    <message>
        <source>create a demo station in an empty folder</source>
        <translation>créer un poste de démonstration dans un dossier vide</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>also write the demo accounts to this JSON file</source>
        <translation>écrire aussi les comptes de démonstration dans ce fichier JSON</translation>
    </message>
    <message>
        <source>fill the main courante with N fictional entries (default: 300)</source>
        <translation>remplir la main courante de N mains courantes fictives (par défaut&#xa0;: 300)</translation>
    </message>
    <message>
        <source>a number of entries, 0 or more</source>
        <translation>un nombre de mains courantes, 0 ou plus</translation>
    </message>
    <message>
        <source>Demo station created in {path}.</source>
        <translation>Poste de démonstration créé dans {path}.</translation>
    </message>
    <message>
        <source>Journal verification code: {code}</source>
        <translation>Code de vérification du journal&#xa0;: {code}</translation>
    </message>
    <message>
        <source>Demo accounts (login / password / role):</source>
        <translation>Comptes de démonstration (identifiant / mot de passe / rôle)&#xa0;:</translation>
    </message>
    <message>
        <source>vigie: the demo was interrupted; its station is erased.</source>
        <translation>vigie: la démonstration a été interrompue&#xa0;; son poste de démonstration est effacé.</translation>
    </message>
    <message>
        <source>the access journal: extracts and verification</source>
        <translation>le journal des accès&#xa0;: extraits et vérification</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXTE</translation>
    </message>
    <message>
        <source>Journal verification code:</source>
        <translation>Code de vérification du journal&#xa0;:</translation>
    </message>
    <message>
        <source>only this operation, by its code: {codes}</source>
        <translation>uniquement cette opération, par son code&#xa0;: {codes}</translation>
    </message>
    <message>
        <source>only this compartment, by its code: {codes}</source>
        <translation>uniquement ce compartiment, par son code&#xa0;: {codes}</translation>
    </message>
    <message>
        <source>write an extract (CSV or PDF) and its signed manifest FILE.manifest.json (stdin: your password, then the motive unless --motive)</source>
        <translation>écrire un extrait (CSV ou PDF) et son manifeste signé FICHIER.manifest.json (entrée standard&#xa0;: votre mot de passe, puis le motif sauf avec --motive)</translation>
    </message>
    <message>
        <source>first day of the period, YYYY-MM-DD (local date)</source>
        <translation>premier jour de la période, AAAA-MM-JJ (date locale)</translation>
    </message>
    <message>
        <source>last day of the period, YYYY-MM-DD (local date, included)</source>
        <translation>dernier jour de la période, AAAA-MM-JJ (date locale, inclus)</translation>
    </message>
    <message>
        <source>only this user&apos;s entries</source>
        <translation>seulement les entrées de cet utilisateur</translation>
    </message>
    <message>
        <source>only the entries about this record</source>
        <translation>seulement les entrées concernant cet enregistrement</translation>
    </message>
    <message>
        <source>csv or pdf</source>
        <translation>csv ou pdf</translation>
    </message>
    <message>
        <source>the extract to write, a file that does not exist yet</source>
        <translation>l&apos;extrait à écrire, un fichier qui n&apos;existe pas encore</translation>
    </message>
    <message>
        <source>why the extract is made (required)</source>
        <translation>pourquoi l&apos;extrait est établi (obligatoire)</translation>
    </message>
    <message>
        <source>verify an extract with its manifest, or with --station the whole station journal (stdin: your password); exit status 0 when everything holds, 3 when something does not</source>
        <translation>vérifier un extrait avec son manifeste, ou avec --station tout le journal du poste (entrée standard&#xa0;: votre mot de passe)&#xa0;; code de sortie 0 si tout est intègre, 3 sinon</translation>
    </message>
    <message>
        <source>the extract (its manifest is FILE.manifest.json)</source>
        <translation>l&apos;extrait (son manifeste est FICHIER.manifest.json)</translation>
    </message>
    <message>
        <source>FINGERPRINT</source>
        <translation>EMPREINTE</translation>
    </message>
    <message>
        <source>the station&apos;s key fingerprint, as Administration shows it: fail unless it signed</source>
        <translation>l&apos;empreinte de la clé du poste, telle qu&apos;Administration l&apos;affiche&#xa0;: échec si ce n&apos;est pas elle qui a signé</translation>
    </message>
    <message>
        <source>verify the station&apos;s whole journal</source>
        <translation>vérifier tout le journal du poste</translation>
    </message>
    <message>
        <source>your login (with --station)</source>
        <translation>votre identifiant (avec --station)</translation>
    </message>
    <message>
        <source>also check every seal with the journal verification code (stdin: with --station your password, then the code)</source>
        <translation>vérifier aussi chaque sceau avec le code de vérification du journal (entrée standard&#xa0;: avec --station votre mot de passe, puis le code)</translation>
    </message>
    <message>
        <source>Signed manifest: {path}</source>
        <translation>Manifeste signé&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Signing key fingerprint: {fingerprint}</source>
        <translation>Empreinte de la clé de signature&#xa0;: {fingerprint}</translation>
    </message>
    <message>
        <source>Station: {service} ({station})</source>
        <translation>Poste&#xa0;: {service} ({station})</translation>
    </message>
    <message>
        <source>The extract was made as {name}: it was renamed since, which changes nothing; its content is checked by its digest.</source>
        <translation>L&apos;extrait a été établi sous le nom {name}&#xa0;: il a été renommé depuis, ce qui ne change rien&#xa0;; son contenu est vérifié par son empreinte.</translation>
    </message>
    <message>
        <source>The extract does not hold.</source>
        <translation>L&apos;extrait n&apos;est pas intègre.</translation>
    </message>
    <message>
        <source>Anyone can sign an extract with a key of their own: compare this fingerprint with the one the station shows in Administration, or give it with --key.</source>
        <translation>N&apos;importe qui peut signer un extrait avec sa propre clé&#xa0;: comparez cette empreinte à celle qu&apos;affiche le poste dans Administration, ou donnez-la avec --key.</translation>
    </message>
    <message numerus="yes">
        <source>{station} ({id}): its journal holds as received here, %n entries from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>{station} ({id})&#xa0;: son journal, tel que reçu ici, est intègre&#xa0;: %n entrée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>{station} ({id})&#xa0;: son journal, tel que reçu ici, est intègre&#xa0;: %n entrées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{station} ({id}): none of its entries is kept here.</source>
        <translation>{station} ({id})&#xa0;: aucune de ses entrées n&apos;est conservée ici.</translation>
    </message>
    <message>
        <source>{station} ({id}): its journal does not hold.</source>
        <translation>{station} ({id})&#xa0;: son journal n&apos;est pas intègre.</translation>
    </message>
    <message>
        <source>The journal begins after entry {seq}, where a purge left a checkpoint.</source>
        <translation>Le journal commence après l&apos;entrée {seq}, où une purge a laissé un point de contrôle.</translation>
    </message>
    <message>
        <source>The station journal does not hold.</source>
        <translation>Le journal du poste n&apos;est pas intègre.</translation>
    </message>
    <message>
        <source>Throwaway demo station in {path} (erased when Vigie closes).</source>
        <translation>Poste de démonstration temporaire dans {path} (effacé à la fermeture de Vigie).</translation>
    </message>
    <message>
        <source>list the PV and rapports, one per line: number, type, status, date (stdin: your password)</source>
        <translation>lister les PV et rapports, un par ligne&#xa0;: numéro, type, état, date (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>YEAR</source>
        <translation>ANNÉE</translation>
    </message>
    <message>
        <source>only this year&apos;s documents</source>
        <translation>seulement les documents de cette année</translation>
    </message>
    <message>
        <source>print a PV or rapport to a PDF file, journaled (stdin: your password, then the motive unless --motive, then the recipient unless --recipient)</source>
        <translation>imprimer un PV ou un rapport dans un fichier PDF, inscrit au journal (entrée standard&#xa0;: votre mot de passe, puis le motif sauf avec --motive, puis le destinataire sauf avec --recipient)</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMÉRO</translation>
    </message>
    <message>
        <source>its number, e.g. 2026/00042</source>
        <translation>son numéro, par exemple 2026/00042</translation>
    </message>
    <message>
        <source>FILE.pdf</source>
        <translation>FICHIER.pdf</translation>
    </message>
    <message>
        <source>the PDF to write, a file that does not exist yet</source>
        <translation>le PDF à écrire, un fichier qui n&apos;existe pas encore</translation>
    </message>
    <message>
        <source>why it is printed (journaled)</source>
        <translation>pourquoi il est imprimé (inscrit au journal)</translation>
    </message>
    <message>
        <source>to whom it is given (journaled)</source>
        <translation>à qui il est remis (inscrit au journal)</translation>
    </message>
    <message>
        <source>{status}, content altered</source>
        <translation>{status}, contenu altéré</translation>
    </message>
    <message>
        <source>number missing</source>
        <translation>Numéro manquant</translation>
    </message>
    <message>
        <source>number voided: {reason}</source>
        <translation>Numéro annulé&#xa0;: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Document {number} printed to {path} (%n pages).</source>
        <translation>
            <numerusform>Document {number} imprimé dans {path} (%n page).</numerusform>
            <numerusform>Document {number} imprimé dans {path} (%n pages).</numerusform>
        </translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>the station&apos;s data folder (default: the platform&apos;s user data folder)</source>
        <translation>le dossier de données du poste (par défaut&#xa0;: le dossier de données utilisateur du système)</translation>
    </message>
    <message>
        <source>Vigie, the municipal police station software.</source>
        <translation>Vigie, le logiciel de poste de police municipale.</translation>
    </message>
    <message>
        <source>show Vigie&apos;s version number and exit</source>
        <translation>afficher le numéro de version de Vigie et quitter</translation>
    </message>
    <message>
        <source>start on a throwaway demo station in a temporary folder</source>
        <translation>démarrer sur un poste de démonstration jetable dans un dossier temporaire</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>COMMANDE</translation>
    </message>
    <message>
        <source>{message} (see “{command} --help”)</source>
        <translation>{message} (voir «&#xa0;{command} --help&#xa0;»)</translation>
    </message>
    <message>
        <source>Hosting token:</source>
        <translation>Jeton d&apos;hébergement&#xa0;:</translation>
    </message>
    <message>
        <source>Type yes if the new station shows the same fingerprint:</source>
        <translation>Tapez oui si le nouveau poste affiche la même empreinte&#xa0;:</translation>
    </message>
    <message>
        <source>Wrong password for {login}: attempt {attempt} of {attempts}.</source>
        <translation>Mot de passe incorrect pour {login}&#xa0;: essai {attempt} sur {attempts}.</translation>
    </message>
    <message>
        <source>synchronisation with the service&apos;s other stations through the sync server</source>
        <translation>synchronisation avec les autres postes du service par le serveur de synchronisation</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>enrol the service&apos;s first station (stdin: your password, then the hosting token)</source>
        <translation>inscrire le premier poste du service (entrée standard&#xa0;: votre mot de passe, puis le jeton d&apos;hébergement)</translation>
    </message>
    <message>
        <source>the sync server&apos;s address</source>
        <translation>l&apos;adresse du serveur de synchronisation</translation>
    </message>
    <message>
        <source>sync now and say what moved (stdin: your password)</source>
        <translation>synchroniser maintenant et dire ce qui a circulé (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>the sync&apos;s state: server, changes waiting, last sync, conflicts (stdin: your password)</source>
        <translation>l&apos;état de la synchronisation&#xa0;: serveur, modifications en attente, dernière synchronisation, conflits (entrée standard&#xa0;: votre mot de passe)</translation>
    </message>
    <message>
        <source>let a new station join: show its fingerprint, then seal the service&apos;s keys to it (stdin: your password, then yes)</source>
        <translation>accueillir un nouveau poste&#xa0;: afficher son empreinte, puis lui sceller les clés du service (entrée standard&#xa0;: votre mot de passe, puis oui)</translation>
    </message>
    <message>
        <source>the pairing code</source>
        <translation>le code d&apos;appairage</translation>
    </message>
    <message>
        <source>make this PC a station of a service that syncs (stdin: the administrator&apos;s password)</source>
        <translation>faire de ce PC un poste d&apos;un service synchronisé (entrée standard&#xa0;: le mot de passe de l&apos;administrateur)</translation>
    </message>
    <message>
        <source>the login of an administrator of the service</source>
        <translation>l&apos;identifiant d&apos;un administrateur du service</translation>
    </message>
    <message>
        <source>The station is enrolled with {url}; run vigie sync now to send its records.</source>
        <translation>Le poste est inscrit auprès de {url}&#xa0;; lancez vigie sync now pour envoyer ses enregistrements.</translation>
    </message>
    <message>
        <source>This station is not enrolled with a sync server.</source>
        <translation>Ce poste n&apos;est inscrit auprès d&apos;aucun serveur de synchronisation.</translation>
    </message>
    <message>
        <source>Server: {url}</source>
        <translation>Serveur&#xa0;: {url}</translation>
    </message>
    <message>
        <source>Changes waiting: {count}</source>
        <translation>Modifications en attente&#xa0;: {count}</translation>
    </message>
    <message>
        <source>Journal entries of this station waiting: {count}</source>
        <translation>Entrées du journal de ce poste en attente&#xa0;: {count}</translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Dernière synchronisation&#xa0;: {when}</translation>
    </message>
    <message>
        <source>The last attempt failed: {reason}</source>
        <translation>La dernière tentative a échoué&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Envelopes refused: {count}</source>
        <translation>Enveloppes refusées&#xa0;: {count}</translation>
    </message>
    <message>
        <source>Fingerprint of the new station: {fingerprint}</source>
        <translation>Empreinte du nouveau poste&#xa0;: {fingerprint}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Not approved: nothing was sent.</source>
        <translation>Non approuvé&#xa0;: rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>Approved as station number {number}: the new station receives the service&apos;s keys.</source>
        <translation>Approuvé, avec le numéro de poste {number}&#xa0;: le nouveau poste reçoit les clés du service.</translation>
    </message>
    <message>
        <source>Station number of this station in the service: {number}</source>
        <translation>Numéro de ce poste dans le service&#xa0;: {number}</translation>
    </message>
    <message>
        <source>Pairing code: {code}</source>
        <translation>Code d&apos;appairage&#xa0;: {code}</translation>
    </message>
    <message>
        <source>Fingerprint of this station: {fingerprint}</source>
        <translation>Empreinte de ce poste&#xa0;: {fingerprint}</translation>
    </message>
    <message>
        <source>Waiting for an administrator to run vigie sync approve {code} on an enrolled station...</source>
        <translation>En attente qu&apos;un administrateur lance vigie sync approve {code} sur un poste inscrit…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Standard input ended before this line: {what}.</source>
        <translation>L&apos;entrée standard s&apos;est terminée avant cette ligne&#xa0;: {what}</translation>
    </message>
    <message>
        <source>Standard input is not UTF-8 text on this line: {what}.</source>
        <translation>L&apos;entrée standard n&apos;est pas du texte UTF-8 sur cette ligne&#xa0;: {what}.</translation>
    </message>
    <message>
        <source>{path} is a folder: give the name of the file to write (in that folder, for example); nothing was done.</source>
        <translation>{path} est un dossier&#xa0;: donnez le nom du fichier à écrire (dans ce dossier, par exemple)&#xa0;; rien n&apos;a été fait.</translation>
    </message>
    <message>
        <source>{path} already exists: nothing was written over it. Choose another name, or move that file away first.</source>
        <translation>{path} existe déjà&#xa0;: rien n&apos;a été écrit par-dessus. Choisissez un autre nom, ou déplacez d&apos;abord ce fichier.</translation>
    </message>
    <message>
        <source>The password of {login} is temporary: change it first by logging in to Vigie&apos;s window on this station, then run the command again.</source>
        <translation>Le mot de passe de {login} est temporaire&#xa0;: changez-le d&apos;abord en vous connectant dans la fenêtre de Vigie sur ce poste, puis relancez la commande.</translation>
    </message>
    <message>
        <source>Invalid date {value}: write it as YYYY-MM-DD.</source>
        <translation>Date invalide {value}&#xa0;: écrivez-la AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>The date {value} is out of range: give a day between the years {first} and {last}.</source>
        <translation>La date {value} est hors limites&#xa0;: indiquez un jour entre les années {first} et {last}.</translation>
    </message>
    <message>
        <source>The period ends on {end}, before it begins on {start}.</source>
        <translation>La période se termine le {end}, avant de commencer le {start}.</translation>
    </message>
    <message>
        <source>Give either an extract file or --station, not both.</source>
        <translation>Indiquez soit un fichier d&apos;extrait, soit --station, pas les deux.</translation>
    </message>
    <message>
        <source>Verifying the station journal needs --as LOGIN.</source>
        <translation>Vérifier le journal du poste demande --as IDENTIFIANT.</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>L&apos;opération a échoué.</translation>
    </message>
    <message>
        <source>Incorrect login or password.</source>
        <translation>Identifiant ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>This account is locked after too many failed attempts. Try again after {until}.</source>
        <translation>Ce compte est verrouillé après trop de tentatives infructueuses. Réessayez après {until}.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Ce compte est désactivé. Adressez-vous à un administrateur.</translation>
    </message>
    <message>
        <source>Access denied: {what}.</source>
        <translation>Accès refusé&#xa0;: {what}.</translation>
    </message>
    <message>
        <source>Invalid input.</source>
        <translation>Saisie invalide.</translation>
    </message>
    <message>
        <source>The database {path} could not be read or written ({reason}); nothing was saved.</source>
        <translation>La base de données {path} n&apos;a pas pu être lue ou écrite ({reason})&#xa0;; rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Introuvable.</translation>
    </message>
    <message>
        <source>The disk is full: Vigie cannot write in {path}, and nothing was saved. Free some space on this disk, then try again.</source>
        <translation>Le disque est plein&#xa0;: Vigie ne peut pas écrire dans {path}, et rien n&apos;a été enregistré. Libérez de la place sur ce disque, puis réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>The disk is full: the sync stopped in {path} after receiving and keeping %n items from the other stations (records, erasures, journal entries). The rest comes at the next sync, once some space is freed on this disk: nothing is lost.</source>
        <translation>
            <numerusform>Le disque est plein&#xa0;: la synchronisation s&apos;est arrêtée dans {path} après avoir reçu et conservé %n élément des autres postes (enregistrements, effacements, entrées du journal). Le reste viendra à la prochaine synchronisation, une fois de la place libérée sur ce disque&#xa0;: rien n&apos;est perdu.</numerusform>
            <numerusform>Le disque est plein&#xa0;: la synchronisation s&apos;est arrêtée dans {path} après avoir reçu et conservé %n éléments des autres postes (enregistrements, effacements, entrées du journal). Le reste viendra à la prochaine synchronisation, une fois de la place libérée sur ce disque&#xa0;: rien n&apos;est perdu.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder {path} is read-only: Vigie cannot write the station&apos;s files there, and nothing was saved. Give this account the right to write there, or choose another folder.</source>
        <translation>Le dossier {path} est en lecture seule&#xa0;: Vigie ne peut pas y écrire les fichiers du poste, et rien n&apos;a été enregistré. Donnez à ce compte le droit d&apos;y écrire, ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>{file} is a file, not a folder: the data folder {path} cannot be made there. Choose another data folder.</source>
        <translation>{file} est un fichier, pas un dossier&#xa0;: le dossier de données {path} ne peut pas y être créé. Choisissez un autre dossier de données.</translation>
    </message>
    <message>
        <source>The current password is incorrect.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>Le nouveau mot de passe doit être différent de l&apos;actuel.</translation>
    </message>
    <message>
        <source>The login “{login}” is already taken.</source>
        <translation>L&apos;identifiant «&#xa0;{login}&#xa0;» est déjà pris.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Vous ne pouvez pas désactiver votre propre compte.</translation>
    </message>
    <message>
        <source>The last active administrator cannot be disabled.</source>
        <translation>Le dernier administrateur actif ne peut pas être désactivé.</translation>
    </message>
    <message>
        <source>“{login}” is not an active administrator.</source>
        <translation>«&#xa0;{login}&#xa0;» n&apos;est pas un administrateur actif.</translation>
    </message>
    <message>
        <source>No account has the login “{login}”.</source>
        <translation>Aucun compte n&apos;a l&apos;identifiant «&#xa0;{login}&#xa0;».</translation>
    </message>
    <message>
        <source>A whole number is expected.</source>
        <translation>Un nombre entier est attendu.</translation>
    </message>
    <message>
        <source>The value must be between {min} and {max}.</source>
        <translation>La valeur doit être comprise entre {min} et {max}.</translation>
    </message>
    <message>
        <source>A list is expected.</source>
        <translation>Une liste est attendue.</translation>
    </message>
    <message>
        <source>Unknown value: {value}.</source>
        <translation>Valeur inconnue&#xa0;: {value}.</translation>
    </message>
    <message>
        <source>The database {path} belongs to another station.</source>
        <translation>La base de données {path} appartient à un autre poste.</translation>
    </message>
    <message>
        <source>The database {path} could not be re-encrypted ({reason}): it stays under its old key, and the passwords and the recovery code open it as before.</source>
        <translation>La base de données {path} n&apos;a pas pu être rechiffrée ({reason})&#xa0;: elle reste sous son ancienne clé, et les mots de passe et le code de secours l&apos;ouvrent comme avant.</translation>
    </message>
    <message>
        <source>Not enough room on the disk of {path} to re-encrypt the database: it needs {needed} MB free, and {free} MB are. Nothing was changed; free some space, then try again.</source>
        <translation>Pas assez de place sur le disque de {path} pour rechiffrer la base de données&#xa0;: il faut {needed} Mo d&apos;espace libre, et il y en a {free}. Rien n&apos;a été changé&#xa0;; libérez de la place, puis réessayez.</translation>
    </message>
    <message>
        <source>The export holds no active administrator {login}.</source>
        <translation>L&apos;export ne contient aucun administrateur actif {login}.</translation>
    </message>
    <message>
        <source>The folder {path} is not empty: a new station needs an empty folder.</source>
        <translation>Le dossier {path} n&apos;est pas vide&#xa0;: un nouveau poste demande un dossier vide.</translation>
    </message>
    <message>
        <source>Cannot write in the folder {path}: {reason}.</source>
        <translation>Impossible d&apos;écrire dans le dossier {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The key file {path} is missing: the database cannot be opened without it.</source>
        <translation>Le fichier de clés {path} est introuvable&#xa0;: la base de données ne peut pas être ouverte sans lui.</translation>
    </message>
    <message>
        <source>No station in {path}. Create one with “vigie init”.</source>
        <translation>Aucun poste dans {path}. Créez-en un avec «&#xa0;vigie init&#xa0;».</translation>
    </message>
    <message>
        <source>The key file {path} is unreadable or damaged.</source>
        <translation>Le fichier de clés {path} est illisible ou endommagé.</translation>
    </message>
    <message>
        <source>The database {path} is missing.</source>
        <translation>La base de données {path} est introuvable.</translation>
    </message>
    <message>
        <source>The database {path} was made by a newer version of Vigie (schema {revision}). Install that version to open it.</source>
        <translation>La base de données {path} a été créée par une version plus récente de Vigie (schéma {revision}). Installez cette version pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>The database {path} could not be brought up to date for this version of Vigie: it was left as it was. Check the disk, then try again (the station&apos;s log files say what failed).</source>
        <translation>La base de données {path} n&apos;a pas pu être mise à jour pour cette version de Vigie&#xa0;: elle a été laissée telle qu&apos;elle était. Vérifiez le disque, puis réessayez (les fichiers de log du poste disent ce qui a échoué).</translation>
    </message>
    <message>
        <source>The database {path} does not open with this station&apos;s keys: it belongs to another station, or it is truncated or damaged.</source>
        <translation>La base de données {path} ne s&apos;ouvre pas avec les clés de ce poste&#xa0;: elle appartient à un autre poste, ou elle est tronquée ou endommagée.</translation>
    </message>
    <message>
        <source>Incorrect recovery code.</source>
        <translation>Code de secours incorrect.</translation>
    </message>
    <message>
        <source>The login must be 2 to 64 characters: lower-case letters, digits, dot, dash or underscore.</source>
        <translation>L&apos;identifiant compte de 2 à 64 caractères&#xa0;: lettres minuscules, chiffres, point, tiret ou tiret bas.</translation>
    </message>
    <message>
        <source>The field “{field}” is required.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» est obligatoire.</translation>
    </message>
    <message>
        <source>The field “{field}” is longer than {max} characters.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» dépasse {max} caractères.</translation>
    </message>
    <message>
        <source>The end of the intervention ({end}) is before its start ({start}).</source>
        <translation>La fin de l&apos;intervention ({end}) précède son début ({start}).</translation>
    </message>
    <message>
        <source>Choose how the request came (phone, counter, radio...).</source>
        <translation>Choisissez le canal de la demande (téléphone, accueil, radio...).</translation>
    </message>
    <message>
        <source>The nature {code} is not in the nomenclature.</source>
        <translation>La nature {code} ne figure pas dans la nomenclature.</translation>
    </message>
    <message>
        <source>The nature “{label}” is no longer in use: choose another.</source>
        <translation>La nature «&#xa0;{label}&#xa0;» n&apos;est plus utilisée&#xa0;: choisissez-en une autre.</translation>
    </message>
    <message>
        <source>A GPS point needs both a latitude (-90 to 90) and a longitude (-180 to 180).</source>
        <translation>Un point GPS demande une latitude (-90 à 90) et une longitude (-180 à 180).</translation>
    </message>
    <message>
        <source>An agent of this entry has no account on this station.</source>
        <translation>Un agent de cette main courante n&apos;a pas de compte sur ce poste.</translation>
    </message>
    <message>
        <source>Give at least a last name or a first name for the person.</source>
        <translation>Indiquez au moins un nom ou un prénom pour la personne.</translation>
    </message>
    <message>
        <source>Choose the person’s role (suspect, victim, witness...).</source>
        <translation>Choisissez la qualité de la personne (mis en cause, victime, témoin...).</translation>
    </message>
    <message>
        <source>The birth date of {name}, {date}, is in the future.</source>
        <translation>La date de naissance de {name}, le {date}, est dans le futur.</translation>
    </message>
    <message>
        <source>This person is not recorded on this entry any more.</source>
        <translation>Cette personne ne figure plus sur cette main courante.</translation>
    </message>
    <message>
        <source>This attachment does not exist, or it was erased.</source>
        <translation>Cette pièce jointe n&apos;existe pas, ou elle a été effacée.</translation>
    </message>
    <message>
        <source>This e-mail carries no such file.</source>
        <translation>Ce courriel ne contient pas ce fichier.</translation>
    </message>
    <message>
        <source>The nature “{label}” is already in the nomenclature.</source>
        <translation>La nature «&#xa0;{label}&#xa0;» figure déjà dans la nomenclature.</translation>
    </message>
    <message>
        <source>This draft cannot be kept: {reason}.</source>
        <translation>Ce brouillon ne peut pas être conservé&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write the file {path}: {reason}. Nothing was saved.</source>
        <translation>Impossible d&apos;écrire le fichier {path}&#xa0;: {reason}. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>The INSEE code has five characters, such as 86194 or 2A004.</source>
        <translation>Le code INSEE compte cinq caractères, par exemple 86194 ou 2A004.</translation>
    </message>
    <message>
        <source>The department is a code such as 86, 2A or 974.</source>
        <translation>Le département est un code comme 86, 2A ou 974.</translation>
    </message>
    <message>
        <source>The password must be at least {min} characters long.</source>
        <translation>Le mot de passe doit compter au moins {min} caractères.</translation>
    </message>
    <message>
        <source>The password must not begin or end with a space.</source>
        <translation>Le mot de passe ne doit ni commencer ni finir par une espace.</translation>
    </message>
    <message>
        <source>A motive is required to {operation}.</source>
        <translation>Un motif est obligatoire pour {operation}.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Impossible de lire {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>No manifest for {path}: neither {manifest} nor another manifest of its folder signs this file.</source>
        <translation>Aucun manifeste pour {path}&#xa0;: ni {manifest} ni un autre manifeste de son dossier ne signe ce fichier.</translation>
    </message>
    <message>
        <source>The file {name} cannot be attached.</source>
        <translation>Le fichier {name} ne peut pas être joint.</translation>
    </message>
    <message>
        <source>The file {name} is {size} MB, over the limit of {limit} MB per file.</source>
        <translation>Le fichier {name} fait {size} Mo, au-delà de la limite de {limit} Mo par fichier.</translation>
    </message>
    <message>
        <source>The file {name} cannot be read: {reason}.</source>
        <translation>Le fichier {name} ne peut pas être lu&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Le fichier {name} est vide.</translation>
    </message>
    <message>
        <source>The content of {name} does not match its extension .{ext}.</source>
        <translation>Le contenu de {name} ne correspond pas à son extension .{ext}.</translation>
    </message>
    <message>
        <source>The photo {name} is damaged or truncated and cannot be read.</source>
        <translation>La photo {name} est endommagée ou tronquée et ne peut pas être lue.</translation>
    </message>
    <message>
        <source>Files such as {name} cannot be attached. Accepted: photos (JPEG, PNG, WebP), PDF, office documents (ODT, ODS, DOCX, XLSX, DOC, XLS) and e-mails (EML).</source>
        <translation>Les fichiers comme {name} ne peuvent pas être joints. Acceptés&#xa0;: photos (JPEG, PNG, WebP), PDF, documents bureautiques (ODT, ODS, DOCX, XLSX, DOC, XLS) et courriels (EML).</translation>
    </message>
    <message>
        <source>Cannot write the extract {path}: {reason}. Nothing was exported.</source>
        <translation>Impossible d&apos;écrire l&apos;extrait {path}&#xa0;: {reason}. Rien n&apos;a été exporté.</translation>
    </message>
    <message>
        <source>A motive is required to export the access journal.</source>
        <translation>Un motif est obligatoire pour exporter le journal des accès.</translation>
    </message>
    <message>
        <source>Unknown extract format {format}: csv or pdf.</source>
        <translation>Format d&apos;extrait inconnu {format}&#xa0;: csv ou pdf.</translation>
    </message>
    <message>
        <source>This is not a journal verification code: check what was typed.</source>
        <translation>Ce n&apos;est pas un code de vérification du journal&#xa0;: vérifiez la saisie.</translation>
    </message>
    <message>
        <source>This entry was changed by {who} at {when}, after you opened it. Nothing was overwritten: reload the entry, then make your change again.</source>
        <translation>Cette main courante a été modifiée par {who} à {when}, après son ouverture. Rien n&apos;a été écrasé&#xa0;: rechargez-la, puis refaites votre modification.</translation>
    </message>
    <message>
        <source>This main courante entry does not exist, or it was erased.</source>
        <translation>Cette main courante n&apos;existe pas, ou elle a été effacée.</translation>
    </message>
    <message>
        <source>This entry is on legal hold until {until}: it cannot be erased.</source>
        <translation>Cette main courante fait l&apos;objet d&apos;un gel judiciaire jusqu&apos;au {until}&#xa0;: elle ne peut pas être effacée.</translation>
    </message>
    <message>
        <source>Unknown kind of record: {kind}.</source>
        <translation>Type d&apos;enregistrement inconnu&#xa0;: {kind}.</translation>
    </message>
    <message>
        <source>This kind of record holds no personal data to erase.</source>
        <translation>Ce type d&apos;enregistrement ne contient pas de données personnelles à effacer.</translation>
    </message>
    <message>
        <source>A legal hold must end in the future.</source>
        <translation>Un gel judiciaire doit prendre fin dans le futur.</translation>
    </message>
    <message>
        <source>The attached file {name} is missing or damaged on disk; ask an administrator to restore it.</source>
        <translation>La pièce jointe {name} est absente ou endommagée sur le disque&#xa0;; demandez à un administrateur de la restaurer.</translation>
    </message>
    <message>
        <source>The NATINF code {code} is not in the NATINF table ({version}). Pick another code, or ask an administrator to import a NATINF version that holds it; the document was not saved.</source>
        <translation>Le code NATINF {code} ne figure pas dans la table NATINF ({version}). Choisissez un autre code, ou demandez à un administrateur d&apos;importer une version NATINF qui le contient&#xa0;; le document n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <source>The file {name} is not a NATINF list: a CSV file separated by semicolons, with one header line and five columns, is expected. Nothing was imported.</source>
        <translation>Le fichier {name} n&apos;est pas une liste NATINF&#xa0;: un fichier CSV séparé par des points-virgules, avec une ligne d&apos;en-tête et cinq colonnes, est attendu. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>The file {name} has no header line: its first line must name the five columns. Nothing was imported.</source>
        <translation>Le fichier {name} n&apos;a pas de ligne d&apos;en-tête&#xa0;: sa première ligne doit nommer les cinq colonnes. Rien n&apos;a été importé.</translation>
    </message>
    <message numerus="yes">
        <source>Line {line} of the file {name} has %n columns instead of five. Nothing was imported.</source>
        <translation>
            <numerusform>La ligne {line} du fichier {name} a %n colonne au lieu de cinq. Rien n&apos;a été importé.</numerusform>
            <numerusform>La ligne {line} du fichier {name} a %n colonnes au lieu de cinq. Rien n&apos;a été importé.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line {line} of the file {name}: “{value}” is not a NATINF number. Nothing was imported.</source>
        <translation>Ligne {line} du fichier {name}&#xa0;: «&#xa0;{value}&#xa0;» n&apos;est pas un numéro NATINF. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Line {line} of the file {name}: the NATINF number {code} appears twice. Nothing was imported.</source>
        <translation>Ligne {line} du fichier {name}&#xa0;: le numéro NATINF {code} figure deux fois. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Line {line} of the file {name}: the nature or the qualification of the offence is empty. Nothing was imported.</source>
        <translation>Ligne {line} du fichier {name}&#xa0;: la nature ou la qualification de l&apos;infraction est vide. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>The file {name} holds no offence. Nothing was imported.</source>
        <translation>Le fichier {name} ne contient aucune infraction. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>This NATINF file is already imported, as the version “{label}”.</source>
        <translation>Ce fichier NATINF est déjà importé, comme version «&#xa0;{label}&#xa0;».</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {reason}.</source>
        <translation>Le fichier {path} ne peut pas être lu&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>A person needs at least a name.</source>
        <translation>Une personne doit avoir au moins un nom.</translation>
    </message>
    <message>
        <source>The document {number} cannot be signed: its field “{field}” ({when}) is later than now. Correct the date, then sign.</source>
        <translation>Le document {number} ne peut pas être signé&#xa0;: son champ «&#xa0;{field}&#xa0;» ({when}) est postérieur à maintenant. Corrigez la date, puis signez.</translation>
    </message>
    <message>
        <source>The document {number} has no facts: it cannot be signed empty.</source>
        <translation>Le document {number} ne relate aucun fait&#xa0;: il ne peut pas être signé vide.</translation>
    </message>
    <message>
        <source>The document {number} is still a draft: correct it directly; addenda are for signed documents.</source>
        <translation>Le document {number} est encore un brouillon&#xa0;: corrigez-le directement&#xa0;; les additifs sont réservés aux documents signés.</translation>
    </message>
    <message>
        <source>A requalification needs its new NATINF code(s).</source>
        <translation>Une requalification demande son ou ses nouveaux codes NATINF.</translation>
    </message>
    <message>
        <source>No document has the number {number}.</source>
        <translation>Aucun document ne porte le numéro {number}.</translation>
    </message>
    <message>
        <source>The document {number} is signed and can no longer be changed. To correct it, write an addendum.</source>
        <translation>Le document {number} est signé et ne peut plus être modifié. Pour le corriger, rédigez un additif.</translation>
    </message>
    <message>
        <source>The document {number} is a draft: sign it first.</source>
        <translation>Le document {number} est un brouillon&#xa0;: signez-le d&apos;abord.</translation>
    </message>
    <message>
        <source>Only the author of the document {number} can do this.</source>
        <translation>Seul l&apos;auteur du document {number} peut faire cela.</translation>
    </message>
    <message>
        <source>Incorrect password: the document {number} was not signed.</source>
        <translation>Mot de passe incorrect&#xa0;: le document {number} n&apos;a pas été signé.</translation>
    </message>
    <message>
        <source>The document {number} was changed by someone else meanwhile; reopen it to see the changes.</source>
        <translation>Le document {number} a été modifié entre-temps par quelqu&apos;un d&apos;autre&#xa0;; rouvrez-le pour voir les modifications.</translation>
    </message>
    <message>
        <source>Cannot write the PDF {path}: {reason}. The document is unchanged and nothing was printed.</source>
        <translation>Impossible d&apos;écrire le PDF {path}&#xa0;: {reason}. Le document est inchangé et rien n&apos;a été imprimé.</translation>
    </message>
    <message>
        <source>The logo must be a PNG or JPEG image of at most 2 MB.</source>
        <translation>Le logo doit être une image PNG ou JPEG de 2 Mo au plus.</translation>
    </message>
    <message>
        <source>The station is closed: log in again.</source>
        <translation>Le poste est fermé&#xa0;: reconnectez-vous.</translation>
    </message>
    <message>
        <source>The station is busy: try again in a moment.</source>
        <translation>Le poste est occupé, réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The personal data of the signed document {number} are erased only by a court outcome (acquittal, dismissal, non-lieu) or at the end of its retention.</source>
        <translation>Les données personnelles du document signé {number} ne sont effacées que sur décision de justice (relaxe, classement sans suite, non-lieu) ou à la fin de leur durée de conservation.</translation>
    </message>
    <message>
        <source>The content of the document {number} no longer matches its signature: nothing was erased. Have the document examined.</source>
        <translation>Le contenu du document {number} ne correspond plus à sa signature&#xa0;: rien n&apos;a été effacé. Faites examiner le document.</translation>
    </message>
    <message>
        <source>The backup failed: {reason}.</source>
        <translation>La sauvegarde a échoué&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The backup disk is full: the backup was not made, the previous ones are kept.</source>
        <translation>Le disque de sauvegarde est plein&#xa0;: la sauvegarde n&apos;a pas été faite, les précédentes sont conservées.</translation>
    </message>
    <message>
        <source>The backup folder {path} cannot be found (is the disk plugged in?).</source>
        <translation>Le dossier de sauvegarde {path} est introuvable (le disque est-il branché&#xa0;?).</translation>
    </message>
    <message>
        <source>No backup folder is configured: choose one in Administration &gt; Data.</source>
        <translation>Aucun dossier de sauvegarde n&apos;est choisi&#xa0;: choisissez-en un dans Administration &gt; Données.</translation>
    </message>
    <message>
        <source>The backup {path} is damaged or incomplete ({reason}): nothing was replaced.</source>
        <translation>La sauvegarde {path} est endommagée ou incomplète ({reason})&#xa0;: rien n&apos;a été remplacé.</translation>
    </message>
    <message>
        <source>This backup belongs to the service “{theirs}”, not to “{ours}”: it was not restored.</source>
        <translation>Cette sauvegarde est celle du service «&#xa0;{theirs}&#xa0;», pas de «&#xa0;{ours}&#xa0;»&#xa0;: elle n&apos;a pas été restaurée.</translation>
    </message>
    <message>
        <source>The folder {path} already holds a station: restore into an empty folder, or replace the station with --replace.</source>
        <translation>Le dossier {path} contient déjà un poste&#xa0;: restaurez dans un dossier vide, ou remplacez le poste avec --replace.</translation>
    </message>
    <message>
        <source>The export {path} cannot be read: {reason}.</source>
        <translation>L&apos;export {path} ne peut pas être lu&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The sync server {url} cannot be reached; the changes will be sent later.</source>
        <translation>Le serveur de synchronisation {url} est injoignable&#xa0;; les modifications seront envoyées plus tard.</translation>
    </message>
    <message>
        <source>The sync server {url} cannot be reached: check its address and this computer&apos;s network, then try again.</source>
        <translation>Le serveur de synchronisation {url} est injoignable&#xa0;: vérifiez son adresse et le réseau de cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>The sync server cannot answer for now; the sync is tried again later.</source>
        <translation>Le serveur de synchronisation ne peut pas répondre pour le moment&#xa0;; la synchronisation sera retentée plus tard.</translation>
    </message>
    <message>
        <source>The sync server no longer accepts this station: it was revoked there, or the server does not know it. Its records stay here; to sync again, an administrator joins this computer to the service in a new, empty folder.</source>
        <translation>Le serveur de synchronisation n&apos;accepte plus ce poste&#xa0;: il y a été révoqué, ou le serveur ne le connaît pas. Ses enregistrements restent ici&#xa0;; pour synchroniser de nouveau, un administrateur joint cet ordinateur au service dans un dossier neuf et vide.</translation>
    </message>
    <message>
        <source>The sync server refused what was sent as incomplete or malformed.</source>
        <translation>Le serveur de synchronisation a refusé la demande, incomplète ou mal formée.</translation>
    </message>
    <message>
        <source>What was sent is too large for the sync server.</source>
        <translation>La demande est trop volumineuse pour le serveur de synchronisation.</translation>
    </message>
    <message>
        <source>Too many failed attempts: the sync server refuses for a while. Try again in a few minutes.</source>
        <translation>Trop d&apos;essais infructueux&#xa0;: le serveur de synchronisation refuse pour un moment. Réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The sync server does not allow this station to do that.</source>
        <translation>Le serveur de synchronisation n&apos;autorise pas ce poste à faire cela.</translation>
    </message>
    <message>
        <source>The sync server refused the request ({code}).</source>
        <translation>Le serveur de synchronisation a refusé la demande ({code}).</translation>
    </message>
    <message>
        <source>The signed document {number} no longer matches its signature or its recorded erasure: it was changed outside Vigie. It is neither shown nor printed, and the refusal is written in the access journal. Have the document examined.</source>
        <translation>Le document signé {number} ne correspond plus à sa signature ni à son effacement enregistré&#xa0;: il a été modifié en dehors de Vigie. Il n&apos;est ni affiché ni imprimé, et le refus est inscrit au journal des accès. Faites examiner le document.</translation>
    </message>
    <message>
        <source>The backup folder must be a full path.</source>
        <translation>Le dossier de sauvegarde doit être un chemin complet.</translation>
    </message>
    <message>
        <source>Replacing a station needs --as, an administrator&apos;s login.</source>
        <translation>Remplacer un poste demande --as, l&apos;identifiant d&apos;un administrateur.</translation>
    </message>
    <message>
        <source>The administrator&apos;s password cannot be empty.</source>
        <translation>Le mot de passe de l&apos;administrateur ne peut pas être vide.</translation>
    </message>
    <message>
        <source>This station is not enrolled with a sync server.</source>
        <translation>Ce poste n&apos;est inscrit auprès d&apos;aucun serveur de synchronisation.</translation>
    </message>
    <message>
        <source>This station is already enrolled with the sync server {url}.</source>
        <translation>Ce poste est déjà inscrit auprès du serveur de synchronisation {url}.</translation>
    </message>
    <message>
        <source>The server refused the hosting token: it is unknown or already used.</source>
        <translation>Le serveur a refusé le jeton d&apos;hébergement&#xa0;: il est inconnu ou déjà utilisé.</translation>
    </message>
    <message>
        <source>No station is waiting with this pairing code (unknown, expired or used).</source>
        <translation>Aucun poste n&apos;attend avec ce code d&apos;appairage (inconnu, expiré ou déjà utilisé).</translation>
    </message>
    <message>
        <source>This is not a pairing code.</source>
        <translation>Ce n&apos;est pas un code d&apos;appairage.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>L&apos;adresse du serveur doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>This record was settled meanwhile, on this station or on another one: nothing was changed, and the list is read again.</source>
        <translation>Cette fiche a été arbitrée entre-temps, sur ce poste ou sur un autre&#xa0;: rien n&apos;a été modifié, et la liste est relue.</translation>
    </message>
    <message>
        <source>A field that this record does not have was given.</source>
        <translation>Un champ que cet enregistrement n&apos;a pas a été donné.</translation>
    </message>
    <message>
        <source>This record no longer exists here.</source>
        <translation>Cet enregistrement n&apos;existe plus ici.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase must have at least %n characters.</source>
        <translation>
            <numerusform>La phrase de passe doit compter au moins %n caractère.</numerusform>
            <numerusform>La phrase de passe doit compter au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>Le dossier {path} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The pairing code expired before an administrator approved it.</source>
        <translation>Le code d&apos;appairage a expiré avant qu&apos;un administrateur ne l&apos;approuve.</translation>
    </message>
    <message>
        <source>The sync server {url} stopped answering during the joining: nothing was kept on this computer. Join again once it answers; the other station will approve a new pairing code.</source>
        <translation>Le serveur de synchronisation {url} a cessé de répondre pendant l&apos;adhésion&#xa0;: rien n&apos;a été gardé sur cet ordinateur. Rejoignez le service de nouveau quand il répond&#xa0;; un administrateur approuvera un nouveau code d&apos;appairage sur l&apos;autre poste.</translation>
    </message>
    <message>
        <source>The joining was cancelled: nothing was kept on this computer.</source>
        <translation>L&apos;adhésion au service a été annulée&#xa0;: rien n&apos;a été conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The password typed is not that of {login}, an active administrator of the service: the new station was removed. Run vigie join again, with that administrator&apos;s password.</source>
        <translation>Le mot de passe saisi n&apos;est pas celui du compte {login}, administrateur actif du service&#xa0;: le nouveau poste a été supprimé. Relancez vigie join avec le mot de passe de cet administrateur.</translation>
    </message>
    <message>
        <source>No account of the service has reached the sync server yet, {login} among them: the station that registered the service has not synced since. Run vigie sync now there (or wait for its automatic sync), then vigie join again here; the new station was removed.</source>
        <translation>Aucun compte du service n&apos;est encore arrivé sur le serveur de synchronisation, {login} compris&#xa0;: le poste qui a enregistré le service ne s&apos;est pas synchronisé depuis. Lancez vigie sync now sur ce poste (ou attendez sa synchronisation automatique), puis de nouveau vigie join ici&#xa0;; le nouveau poste a été supprimé.</translation>
    </message>
    <message>
        <source>A station already exists in {path}.</source>
        <translation>Un poste existe déjà dans {path}.</translation>
    </message>
    <message>
        <source>The file {name} is still being received from another station; it opens after the next sync.</source>
        <translation>Le fichier {name} est encore en cours de réception depuis un autre poste&#xa0;; il s&apos;ouvrira après la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>The station is being re-encrypted (vigie rekey): try again in a moment.</source>
        <translation>Le poste est en cours de rechiffrement (vigie rekey)&#xa0;: réessayez dans un moment.</translation>
    </message>
    <message>
        <source>The station is open elsewhere on this PC (another Vigie window or command): close it, then re-encrypt. Nothing was changed.</source>
        <translation>Le poste est ouvert ailleurs sur ce PC (une autre fenêtre ou commande de Vigie)&#xa0;: fermez-le, puis rechiffrez. Rien n&apos;a été changé.</translation>
    </message>
    <message>
        <source>The ten station numbers of the service are all taken: a station that left the service gives its number back only by an administrator&apos;s choice (Administration, station number).</source>
        <translation>Les dix numéros de poste du service sont tous pris&#xa0;: un poste qui a quitté le service ne rend son numéro que par le choix d&apos;un administrateur (Administration, numéro du poste).</translation>
    </message>
    <message>
        <source>No password was chosen after {tries} tries; nothing was done.</source>
        <translation>Aucun mot de passe n&apos;a été choisi après {tries} essais&#xa0;; rien n&apos;a été fait.</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>main courante</source>
        <translation>main courante</translation>
    </message>
    <message>
        <source>writings (PV and rapports)</source>
        <translation>écrits (PV et rapports)</translation>
    </message>
    <message>
        <source>administrative registers</source>
        <translation>registres administratifs</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>demandes</translation>
    </message>
    <message>
        <source>access journal</source>
        <translation>journal des accès</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lecture</translation>
    </message>
    <message>
        <source>write</source>
        <translation>écriture</translation>
    </message>
    <message>
        <source>print and export</source>
        <translation>impression et export</translation>
    </message>
    <message>
        <source>administer</source>
        <translation>administration</translation>
    </message>
    <message>
        <source>user administration</source>
        <translation>administration des comptes</translation>
    </message>
    <message>
        <source>station administration</source>
        <translation>administration du poste</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Nom du service</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>search a person by name</source>
        <translation>rechercher une personne par son nom</translation>
    </message>
    <message>
        <source>print</source>
        <translation>imprimer</translation>
    </message>
    <message>
        <source>export</source>
        <translation>exporter</translation>
    </message>
    <message>
        <source>transmit to a recipient</source>
        <translation>transmettre à un destinataire</translation>
    </message>
    <message>
        <source>Time of the request</source>
        <translation>heure de la demande</translation>
    </message>
    <message>
        <source>How it came</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>nature</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>lieu</translation>
    </message>
    <message>
        <source>GPS point</source>
        <translation>point GPS</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>agents</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>faits</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>appréciations</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>suites données</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>issue</translation>
    </message>
    <message>
        <source>Rapport or PV number</source>
        <translation>numéro du rapport ou du PV</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>qualité</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>First names</source>
        <translation>prénoms</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <source>Birth place</source>
        <translation>lieu de naissance</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>Legal guardian</source>
        <translation>représentant légal</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>libellé</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>File</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>Nature of the offence</source>
        <translation>nature de l&apos;infraction</translation>
    </message>
    <message>
        <source>Vehicle plate</source>
        <translation>immatriculation</translation>
    </message>
    <message>
        <source>Assisting agents</source>
        <translation>agents assistants</translation>
    </message>
    <message>
        <source>Handed over to</source>
        <translation>remis à</translation>
    </message>
    <message>
        <source>Date and time of the facts</source>
        <translation>Date et heure des faits</translation>
    </message>
    <message>
        <source>Handed to an OPJ on</source>
        <translation>Remise à un OPJ le</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>additif</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>destinataire</translation>
    </message>
    <message>
        <source>Means of transmission</source>
        <translation>mode de transmission</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>date de la demande</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>état</translation>
    </message>
    <message>
        <source>People</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>pièces jointes</translation>
    </message>
    <message>
        <source>Rapport / PV</source>
        <translation>rapport / PV</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>a file was altered or truncated</source>
        <translation>un fichier a été modifié ou tronqué</translation>
    </message>
    <message>
        <source>a file is missing</source>
        <translation>un fichier manque</translation>
    </message>
    <message>
        <source>its manifest was altered</source>
        <translation>son manifeste a été modifié</translation>
    </message>
    <message>
        <source>it has no readable manifest</source>
        <translation>elle n&apos;a pas de manifeste lisible</translation>
    </message>
    <message>
        <source>its database does not pass the integrity checks</source>
        <translation>sa base de données ne passe pas les contrôles d&apos;intégrité</translation>
    </message>
    <message>
        <source>its database does not hold what its manifest says</source>
        <translation>sa base de données ne contient pas ce que dit son manifeste</translation>
    </message>
    <message>
        <source>another backup is being written in this folder</source>
        <translation>une autre sauvegarde est en cours d&apos;écriture dans ce dossier</translation>
    </message>
    <message>
        <source>it is not a Vigie backup</source>
        <translation>ce n&apos;est pas une sauvegarde de Vigie</translation>
    </message>
    <message>
        <source>the passphrase is wrong, or the file&apos;s header was altered</source>
        <translation>la phrase de passe est fausse, ou l&apos;en-tête du fichier a été modifié</translation>
    </message>
    <message>
        <source>it is not a Vigie export</source>
        <translation>ce n&apos;est pas un export de Vigie</translation>
    </message>
    <message>
        <source>it was altered after it was written</source>
        <translation>il a été modifié après avoir été écrit</translation>
    </message>
    <message>
        <source>it is truncated</source>
        <translation>il est tronqué</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>numéro</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>clôture</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <source>Entry {seq} does not match its hash: it was changed after it was written.</source>
        <translation>L&apos;entrée {seq} ne correspond pas à son empreinte&#xa0;: elle a été modifiée après son écriture.</translation>
    </message>
    <message>
        <source>Entry {seq} does not follow entry {previous}: it does not hold the hash of that entry.</source>
        <translation>L&apos;entrée {seq} ne suit pas l&apos;entrée {previous}&#xa0;: elle ne porte pas l&apos;empreinte de cette entrée.</translation>
    </message>
    <message>
        <source>Entry {seq} does not begin the journal: it does not hold the chain&apos;s starting value.</source>
        <translation>L&apos;entrée {seq} n&apos;ouvre pas le journal&#xa0;: elle ne porte pas la valeur initiale de la chaîne.</translation>
    </message>
    <message>
        <source>Entry {seq} does not follow the checkpoint left by the last purge (entry {previous}).</source>
        <translation>L&apos;entrée {seq} ne suit pas le point de contrôle laissé par la dernière purge (entrée {previous}).</translation>
    </message>
    <message>
        <source>Entry {seq} is missing: the journal goes from entry {previous} to entry {next}.</source>
        <translation>L&apos;entrée {seq} manque&#xa0;: le journal passe de l&apos;entrée {previous} à l&apos;entrée {next}.</translation>
    </message>
    <message>
        <source>Entries {seq} to {last} are not in this journal: entry {restore} records the restore of a backup (its journal up to entry {previous}) over the station, whose journal had reached entry {last}; those entries remain in the copy of the replaced station kept beside it.</source>
        <translation>Les entrées {seq} à {last} ne sont pas dans ce journal&#xa0;: l&apos;entrée {restore} consigne la restauration d&apos;une sauvegarde (son journal allait jusqu&apos;à l&apos;entrée {previous}) à la place du poste, dont le journal avait atteint l&apos;entrée {last}&#xa0;; ces entrées restent dans la copie du poste remplacé, gardée à côté.</translation>
    </message>
    <message>
        <source>Entry {seq} is missing: the journal begins at entry {next} and no purge left a checkpoint before it.</source>
        <translation>L&apos;entrée {seq} manque&#xa0;: le journal commence à l&apos;entrée {next} et aucune purge n&apos;a laissé de point de contrôle avant elle.</translation>
    </message>
    <message>
        <source>Entry {seq} belongs to another station ({station}).</source>
        <translation>L&apos;entrée {seq} appartient à un autre poste ({station}).</translation>
    </message>
    <message>
        <source>The manifest&apos;s signature does not hold: the manifest was changed, or the key it names did not sign it.</source>
        <translation>La signature du manifeste n&apos;est pas valable&#xa0;: le manifeste a été modifié, ou la clé qu&apos;il désigne ne l&apos;a pas signé.</translation>
    </message>
    <message>
        <source>The manifest&apos;s key fingerprint is not that of its public key.</source>
        <translation>L&apos;empreinte de clé du manifeste n&apos;est pas celle de sa clé publique.</translation>
    </message>
    <message>
        <source>The manifest was signed with the key {fingerprint}, not with the expected key {expected}.</source>
        <translation>Le manifeste a été signé avec la clé {fingerprint}, et non avec la clé attendue {expected}.</translation>
    </message>
    <message>
        <source>The file&apos;s SHA-256 is not the one the manifest signs: the file was changed after it was signed.</source>
        <translation>Le SHA-256 du fichier n&apos;est pas celui que signe le manifeste&#xa0;: le fichier a été modifié après sa signature.</translation>
    </message>
    <message>
        <source>Entry {seq} was written by the station {station}; the manifest is that of the station {expected}.</source>
        <translation>L&apos;entrée {seq} a été écrite par le poste {station}&#xa0;; le manifeste est celui du poste {expected}.</translation>
    </message>
    <message>
        <source>Entry {seq} is out of order: it comes after entry {previous}.</source>
        <translation>L&apos;entrée {seq} est hors d&apos;ordre&#xa0;: elle vient après l&apos;entrée {previous}.</translation>
    </message>
    <message>
        <source>Entry {seq} appears twice in the file.</source>
        <translation>L&apos;entrée {seq} figure deux fois dans le fichier.</translation>
    </message>
    <message>
        <source>Entry {seq} is missing from the file.</source>
        <translation>L&apos;entrée {seq} manque dans le fichier.</translation>
    </message>
    <message>
        <source>The file ends at entry {last}; the signed extract goes on to entry {expected}: it was cut short.</source>
        <translation>Le fichier s&apos;arrête à l&apos;entrée {last}&#xa0;; l&apos;extrait signé va jusqu&apos;à l&apos;entrée {expected}&#xa0;: il a été tronqué.</translation>
    </message>
    <message>
        <source>The file holds no entry; the signed extract holds {expected}.</source>
        <translation>Le fichier ne contient aucune entrée&#xa0;; l&apos;extrait signé en contient {expected}.</translation>
    </message>
    <message>
        <source>Entry {seq} is not part of the signed extract.</source>
        <translation>L&apos;entrée {seq} ne fait pas partie de l&apos;extrait signé.</translation>
    </message>
    <message>
        <source>The file holds {count} entries; the manifest signs {expected}.</source>
        <translation>Entrées dans le fichier&#xa0;: {count}&#xa0;; entrées signées par le manifeste&#xa0;: {expected}.</translation>
    </message>
    <message>
        <source>Line {line} of the file is not a journal entry.</source>
        <translation>La ligne {line} du fichier n&apos;est pas une entrée du journal.</translation>
    </message>
    <message>
        <source>The file does not begin with the header of a journal extract.</source>
        <translation>Le fichier ne commence pas par l&apos;en-tête d&apos;un extrait du journal.</translation>
    </message>
    <message>
        <source>The manifest is not that of a Vigie journal extract.</source>
        <translation>Le manifeste n&apos;est pas celui d&apos;un extrait du journal Vigie.</translation>
    </message>
    <message>
        <source>The manifest is in format version {version}, which this version of Vigie does not read.</source>
        <translation>Le manifeste est au format version {version}, que cette version de Vigie ne lit pas.</translation>
    </message>
    <message>
        <source>The manifest is that of a {format} file, not of this one.</source>
        <translation>Le manifeste est celui d&apos;un fichier {format}, pas de celui-ci.</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Échec de connexion</translation>
    </message>
    <message>
        <source>Login on a locked account</source>
        <translation>Connexion sur un compte verrouillé</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouillage</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Creation</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Modification</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>Effacement</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Impression</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Transmission</source>
        <translation>Transmission</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>Purge</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Journal seal begun</source>
        <translation>Début d&apos;un scellement du journal</translation>
    </message>
    <message>
        <source>Main courante</source>
        <translation>Main courante</translation>
    </message>
    <message>
        <source>Writings (PV and rapports)</source>
        <translation>Écrits (PV et rapports)</translation>
    </message>
    <message>
        <source>Administrative registers</source>
        <translation>Registres administratifs</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <source>Access journal</source>
        <translation>Journal des accès</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>{record}, erased on {date} ({motive})</source>
        <translation>{record}, effacement du {date} ({motive})</translation>
    </message>
    <message>
        <source>{record}, erased on {date}</source>
        <translation>{record}, effacement du {date}</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>information report</source>
        <translation>rapport d&apos;information</translation>
    </message>
    <message>
        <source>intervention report</source>
        <translation>rapport d&apos;intervention</translation>
    </message>
    <message>
        <source>mission report</source>
        <translation>rapport de mission</translation>
    </message>
    <message>
        <source>OPJ</source>
        <translation>OPJ</translation>
    </message>
    <message>
        <source>Procureur</source>
        <translation>Procureur</translation>
    </message>
    <message>
        <source>Mayor</source>
        <translation>Maire</translation>
    </message>
    <message>
        <source>Other recipient</source>
        <translation>Autre destinataire</translation>
    </message>
    <message>
        <source>{kind}: {name}</source>
        <translation>{kind}&#xa0;: {name}</translation>
    </message>
    <message>
        <source>conviction</source>
        <translation>condamnation</translation>
    </message>
    <message>
        <source>requalification</source>
        <translation>requalification</translation>
    </message>
    <message>
        <source>acquittal</source>
        <translation>relaxe ou acquittement</translation>
    </message>
    <message>
        <source>dismissal</source>
        <translation>classement sans suite</translation>
    </message>
    <message>
        <source>non-lieu</source>
        <translation>non-lieu</translation>
    </message>
    <message>
        <source>other decision</source>
        <translation>autre décision</translation>
    </message>
    <message>
        <source>facts</source>
        <translation>faits</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>appréciations</translation>
    </message>
    <message>
        <source>date of the facts</source>
        <translation>date des faits</translation>
    </message>
    <message>
        <source>offences</source>
        <translation>infractions</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>assisting officers</source>
        <translation>agents assistants</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>place</source>
        <translation>lieu</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>status</source>
        <translation>état</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>suite donnée</translation>
    </message>
    <message>
        <source>action taken</source>
        <translation>mesures prises</translation>
    </message>
    <message>
        <source>document number</source>
        <translation>numéro du document</translation>
    </message>
    <message>
        <source>linked document</source>
        <translation>document lié</translation>
    </message>
    <message>
        <source>officers</source>
        <translation>agents</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>time of the request</source>
        <translation>heure de la demande</translation>
    </message>
    <message>
        <source>nature</source>
        <translation>nature</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>GPS point</source>
        <translation>point GPS</translation>
    </message>
    <message>
        <source>nature of the offence</source>
        <translation>nature de l&apos;infraction</translation>
    </message>
    <message>
        <source>vehicle plate</source>
        <translation>immatriculation</translation>
    </message>
    <message>
        <source>NATINF version</source>
        <translation>version NATINF</translation>
    </message>
    <message>
        <source>time handed to an OPJ</source>
        <translation>heure de remise à un OPJ</translation>
    </message>
    <message>
        <source>OPJ the person was handed to</source>
        <translation>OPJ à qui la personne a été remise</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signé</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>clôturée</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>rouverte</translation>
    </message>
    <message>
        <source>person added</source>
        <translation>personne ajoutée</translation>
    </message>
    <message>
        <source>person changed</source>
        <translation>personne modifiée</translation>
    </message>
    <message>
        <source>person removed</source>
        <translation>personne retirée</translation>
    </message>
    <message>
        <source>attachment added</source>
        <translation>pièce jointe ajoutée</translation>
    </message>
    <message>
        <source>document linked</source>
        <translation>document lié</translation>
    </message>
    <message>
        <source>document unlinked (draft deleted)</source>
        <translation>document délié (brouillon supprimé)</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>données personnelles effacées</translation>
    </message>
    <message>
        <source>the service&apos;s key reached the station, which seals to it with a seed of its own</source>
        <translation>la clé du service est parvenue au poste, qui scelle avec une graine qui lui est propre</translation>
    </message>
    <message>
        <source>the seal state was missing or did not match the journal</source>
        <translation>l&apos;état du scellement manquait ou ne correspondait pas au journal</translation>
    </message>
    <message>
        <source>station created</source>
        <translation>poste créé</translation>
    </message>
    <message>
        <source>station created to join a service</source>
        <translation>poste créé pour rejoindre un service</translation>
    </message>
    <message>
        <source>erased by an administrator</source>
        <translation>effacée par un administrateur</translation>
    </message>
    <message>
        <source>history</source>
        <translation>historique consulté</translation>
    </message>
    <message>
        <source>rekey</source>
        <translation>changement de la clé du poste</translation>
    </message>
    <message>
        <source>legal hold released</source>
        <translation>conservation judiciaire levée</translation>
    </message>
    <message>
        <source>nature added</source>
        <translation>nature ajoutée</translation>
    </message>
    <message>
        <source>nature renamed</source>
        <translation>nature renommée</translation>
    </message>
    <message>
        <source>nature enabled</source>
        <translation>nature activée</translation>
    </message>
    <message>
        <source>nature disabled</source>
        <translation>nature désactivée</translation>
    </message>
    <message>
        <source>person search</source>
        <translation>recherche de personnes</translation>
    </message>
    <message>
        <source>text search</source>
        <translation>recherche en texte libre</translation>
    </message>
    <message>
        <source>logo removed</source>
        <translation>logo retiré</translation>
    </message>
    <message>
        <source>logo changed</source>
        <translation>logo changé</translation>
    </message>
    <message>
        <source>unknown login</source>
        <translation>identifiant inconnu</translation>
    </message>
    <message>
        <source>disabled account</source>
        <translation>compte désactivé</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>mot de passe changé</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>compte désactivé</translation>
    </message>
    <message>
        <source>account enabled</source>
        <translation>compte réactivé</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>mot de passe réinitialisé</translation>
    </message>
    <message>
        <source>recovery code used, administrator password replaced</source>
        <translation>code de secours utilisé, mot de passe de l&apos;administrateur remplacé</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>mot de passe erroné</translation>
    </message>
    <message>
        <source>wrong password, account locked</source>
        <translation>mot de passe erroné, compte verrouillé</translation>
    </message>
    <message>
        <source>wrong signing password</source>
        <translation>mot de passe de signature erroné</translation>
    </message>
    <message>
        <source>wrong signing password, account locked</source>
        <translation>mot de passe de signature erroné, compte verrouillé</translation>
    </message>
    <message>
        <source>recovery code</source>
        <translation>code de secours</translation>
    </message>
    <message>
        <source>before unlock</source>
        <translation>avant le déverrouillage</translation>
    </message>
    <message>
        <source>no filter</source>
        <translation>sans filtre</translation>
    </message>
    <message>
        <source>sync conflict settled</source>
        <translation>conflit de synchronisation réglé</translation>
    </message>
    <message>
        <source>saved without change</source>
        <translation>enregistré sans modification</translation>
    </message>
    <message>
        <source>records erased: {counts}</source>
        <translation>enregistrements effacés&#xa0;: {counts}</translation>
    </message>
    <message numerus="yes">
        <source>demo fill: %n main courante entries</source>
        <translation>
            <numerusform>remplissage de démonstration&#xa0;: %n main courante</numerusform>
            <numerusform>remplissage de démonstration&#xa0;: %n mains courantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NATINF sample loaded: %n offences</source>
        <translation>
            <numerusform>échantillon NATINF chargé&#xa0;: %n infraction</numerusform>
            <numerusform>échantillon NATINF chargé&#xa0;: %n infractions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NATINF version imported: %n offences, SHA-256 {sha}</source>
        <translation>
            <numerusform>version NATINF importée&#xa0;: %n infraction, SHA-256 {sha}</numerusform>
            <numerusform>version NATINF importée&#xa0;: %n infractions, SHA-256 {sha}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PDF of {number} ({status}), %n pages; SHA-256 {sha}</source>
        <translation>
            <numerusform>PDF de {number} ({status}), %n page&#xa0;; SHA-256 {sha}</numerusform>
            <numerusform>PDF de {number} ({status}), %n pages&#xa0;; SHA-256 {sha}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{format} extract of %n entries; {filters}; SHA-256 {sha}</source>
        <translation>
            <numerusform>extrait {format} de %n entrée&#xa0;; {filters}&#xa0;; SHA-256 {sha}</numerusform>
            <numerusform>extrait {format} de %n entrées&#xa0;; {filters}&#xa0;; SHA-256 {sha}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verification: the journal holds (%n entries)</source>
        <translation>
            <numerusform>vérification&#xa0;: le journal est intact (%n entrée)</numerusform>
            <numerusform>vérification&#xa0;: le journal est intact (%n entrées)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n journal entries older than {days} days purged; the journal now begins after entry {entry} (hash {hash})</source>
        <translation>
            <numerusform>%n entrée du journal de plus de {days} jours purgée&#xa0;; le journal commence désormais après l&apos;entrée {entry} (empreinte {hash})</numerusform>
            <numerusform>%n entrées du journal de plus de {days} jours purgées&#xa0;; le journal commence désormais après l&apos;entrée {entry} (empreinte {hash})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>complete export {name}: %n records</source>
        <translation>
            <numerusform>export complet {name}&#xa0;: %n enregistrement</numerusform>
            <numerusform>export complet {name}&#xa0;: %n enregistrements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>enrolled with the sync server {url}; %n records held here and never sent are now to send</source>
        <translation>
            <numerusform>inscrite auprès du serveur de synchronisation {url}&#xa0;; à envoyer désormais&#xa0;: %n enregistrement conservé ici et jamais envoyé</numerusform>
            <numerusform>inscrite auprès du serveur de synchronisation {url}&#xa0;; à envoyer désormais&#xa0;: %n enregistrements conservés ici et jamais envoyés</numerusform>
        </translation>
    </message>
    <message>
        <source>station number in the service: {given}</source>
        <translation>numéro du poste dans le service&#xa0;: {given}</translation>
    </message>
    <message numerus="yes">
        <source>%n entries of the station {station} removed here, as its own purge did</source>
        <translation>
            <numerusform>%n entrée du poste {station} supprimée ici, comme sa propre purge l&apos;a fait</numerusform>
            <numerusform>%n entrées du poste {station} supprimées ici, comme sa propre purge l&apos;a fait</numerusform>
        </translation>
    </message>
    <message>
        <source>new station approved, key {key}, station number {given}</source>
        <translation>nouveau poste approuvé, clé {key}, numéro de poste {given}</translation>
    </message>
    <message numerus="yes">
        <source>the server had lost the envelopes after {seq}: %n sent again</source>
        <translation>
            <numerusform>le serveur avait perdu les enveloppes après {seq}&#xa0;: %n renvoyée</numerusform>
            <numerusform>le serveur avait perdu les enveloppes après {seq}&#xa0;: %n renvoyées</numerusform>
        </translation>
    </message>
    <message>
        <source>sent: {pushed}, received: {pulled}, erased: {erased}, conflicts: {conflicts}</source>
        <translation>envois&#xa0;: {pushed}, réceptions&#xa0;: {pulled}, effacements&#xa0;: {erased}, conflits&#xa0;: {conflicts}</translation>
    </message>
    <message>
        <source>attachment added: {what}</source>
        <translation>pièce jointe ajoutée&#xa0;: {what}</translation>
    </message>
    <message>
        <source>attachment {id} opened, part {part}</source>
        <translation>pièce jointe {id} ouverte, partie {part}</translation>
    </message>
    <message>
        <source>attachment {id} opened</source>
        <translation>pièce jointe {id} ouverte</translation>
    </message>
    <message>
        <source>attachment {id} saved out, part {part}</source>
        <translation>pièce jointe {id} enregistrée hors de Vigie, partie {part}</translation>
    </message>
    <message>
        <source>attachment {id} saved out</source>
        <translation>pièce jointe {id} enregistrée hors de Vigie</translation>
    </message>
    <message>
        <source>e-mail {id} read</source>
        <translation>courriel {id} lu</translation>
    </message>
    <message>
        <source>{document} {number} written from main courante {entry}</source>
        <translation>{document} {number} rédigé depuis la main courante {entry}</translation>
    </message>
    <message>
        <source>{document} {number}</source>
        <translation>{document} {number}</translation>
    </message>
    <message>
        <source>signed; SHA-256 {sha}</source>
        <translation>signé&#xa0;; SHA-256 {sha}</translation>
    </message>
    <message>
        <source>addendum {addendum} signed; SHA-256 {sha}</source>
        <translation>additif {addendum} signé&#xa0;; SHA-256 {sha}</translation>
    </message>
    <message>
        <source>{number} sent ({means}) on {at}</source>
        <translation>{number} transmis ({means}) le {at}</translation>
    </message>
    <message>
        <source>court outcome: {outcome} of {date}</source>
        <translation>suite judiciaire&#xa0;: {outcome} du {date}</translation>
    </message>
    <message>
        <source>court outcome: {outcome} of {date} on {number}</source>
        <translation>suite judiciaire&#xa0;: {outcome} du {date} sur le {number}</translation>
    </message>
    <message>
        <source>changed: {fields}</source>
        <translation>modifié&#xa0;: {fields}</translation>
    </message>
    <message>
        <source>person added ({role})</source>
        <translation>personne ajoutée ({role})</translation>
    </message>
    <message>
        <source>person removed ({role})</source>
        <translation>personne retirée ({role})</translation>
    </message>
    <message>
        <source>list of all documents</source>
        <translation>liste de tous les écrits</translation>
    </message>
    <message>
        <source>list: {filters}</source>
        <translation>liste&#xa0;: {filters}</translation>
    </message>
    <message>
        <source>template of {document} changed</source>
        <translation>modèle de {document} modifié</translation>
    </message>
    <message>
        <source>legal hold until {date}</source>
        <translation>conservation judiciaire jusqu&apos;au {date}</translation>
    </message>
    <message>
        <source>refused: {what}</source>
        <translation>refusé&#xa0;: {what}</translation>
    </message>
    <message>
        <source>search without filter</source>
        <translation>recherche sans filtre</translation>
    </message>
    <message>
        <source>search: {filters}</source>
        <translation>recherche&#xa0;: {filters}</translation>
    </message>
    <message>
        <source>verification: entry {entry} does not hold</source>
        <translation>vérification&#xa0;: l&apos;entrée {entry} n&apos;est pas intègre</translation>
    </message>
    <message>
        <source>seal generation {generation} of the journal begins at entry {entry}: {why}</source>
        <translation>génération de scellement {generation} du journal à partir de l&apos;entrée {entry}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>station built from the export of station {station} made on {at} by {by}</source>
        <translation>poste reconstruit depuis l&apos;export du poste {station} fait le {at} par {by}</translation>
    </message>
    <message>
        <source>enrolled with the sync server {url}</source>
        <translation>inscrite auprès du serveur de synchronisation {url}</translation>
    </message>
    <message>
        <source>new station approved, key {key}</source>
        <translation>nouveau poste approuvé, clé {key}</translation>
    </message>
    <message>
        <source>envelope {seq} refused: not authentic</source>
        <translation>enveloppe {seq} refusée&#xa0;: non authentique</translation>
    </message>
    <message>
        <source>station clock moved back: previous entry at {previous}, clock now at {now}</source>
        <translation>horloge du poste reculée&#xa0;: entrée précédente à {previous}, horloge à {now}</translation>
    </message>
    <message>
        <source>{change}: {fields}</source>
        <translation>{change}&#xa0;: {fields}</translation>
    </message>
    <message>
        <source>from {value}</source>
        <translation>du {value}</translation>
    </message>
    <message>
        <source>until {value}</source>
        <translation>jusqu&apos;au {value}</translation>
    </message>
    <message>
        <source>Access refused</source>
        <translation>Accès refusé</translation>
    </message>
    <message>
        <source>Station clock moved back</source>
        <translation>Horloge du poste reculée</translation>
    </message>
    <message>
        <source>Access journal extract</source>
        <translation>Extrait du journal des accès</translation>
    </message>
    <message>
        <source>Period: from {start} to {end}</source>
        <translation>Période&#xa0;: du {start} au {end}</translation>
    </message>
    <message>
        <source>Period: from {start}</source>
        <translation>Période&#xa0;: à partir du {start}</translation>
    </message>
    <message>
        <source>Period: until {end}</source>
        <translation>Période&#xa0;: jusqu&apos;au {end}</translation>
    </message>
    <message>
        <source>Period: the whole journal</source>
        <translation>Période&#xa0;: tout le journal</translation>
    </message>
    <message>
        <source>Filters: {filters}</source>
        <translation>Filtres&#xa0;: {filters}</translation>
    </message>
    <message>
        <source>Motive: {motive}</source>
        <translation>Motif&#xa0;: {motive}</translation>
    </message>
    <message>
        <source>Generated by {name} ({login}, matricule {matricule}) on {date} at {time}</source>
        <translation>Établi par {name} ({login}, matricule {matricule}) le {date} à {time}</translation>
    </message>
    <message>
        <source>Generated by {name} ({login}) on {date} at {time}</source>
        <translation>Établi par {name} ({login}) le {date} à {time}</translation>
    </message>
    <message>
        <source>Extract signed by the station (key fingerprint {fingerprint}); its manifest is the file {manifest}.</source>
        <translation>Extrait signé par le poste (empreinte de clé {fingerprint})&#xa0;; son manifeste est le fichier {manifest}.</translation>
    </message>
    <message>
        <source>Times are the station&apos;s local times ({zone}).</source>
        <translation>Les heures sont celles du poste ({zone}).</translation>
    </message>
    <message>
        <source>Entries: {count}</source>
        <translation>Entrées&#xa0;: {count}</translation>
    </message>
    <message>
        <source>No entry matches this period and these filters.</source>
        <translation>Aucune entrée ne correspond à cette période et à ces filtres.</translation>
    </message>
    <message>
        <source>Page {page}/{pages}</source>
        <translation>Page {page}/{pages}</translation>
    </message>
    <message>
        <source>user {value}</source>
        <translation>utilisateur {value}</translation>
    </message>
    <message>
        <source>operation {value}</source>
        <translation>opération {value}</translation>
    </message>
    <message>
        <source>compartment {value}</source>
        <translation>compartiment {value}</translation>
    </message>
    <message>
        <source>record {value}</source>
        <translation>enregistrement {value}</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Compartiment</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Motive</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Entry {seq} does not hold its seal: it was changed, moved or written again after the station had erased the key of its position.</source>
        <translation>L&apos;entrée {seq} ne tient pas son sceau&#xa0;: elle a été modifiée, déplacée ou réécrite après que le poste a effacé la clé de sa position.</translation>
    </message>
    <message>
        <source>Entry {seq} begins the journal&apos;s seal again (generation {generation}): the station lost its seal state, and entries written before it could have been removed.</source>
        <translation>L&apos;entrée {seq} recommence le scellement du journal (génération {generation})&#xa0;: le poste a perdu l&apos;état de son sceau, et des entrées écrites avant elle ont pu être supprimées.</translation>
    </message>
    <message>
        <source>The verification code is not that of this service: the seal of generation {generation} (from entry {seq}) was made for another service key.</source>
        <translation>Le code de vérification n&apos;est pas celui de ce service&#xa0;: le sceau de la génération {generation} (à partir de l&apos;entrée {seq}) a été fait pour une autre clé de service.</translation>
    </message>
    <message>
        <source>The seal of generation {generation} (from entry {seq}) does not open with this code: it was replaced.</source>
        <translation>Le sceau de la génération {generation} (à partir de l&apos;entrée {seq}) ne s&apos;ouvre pas avec ce code&#xa0;: il a été remplacé.</translation>
    </message>
    <message>
        <source>The journal&apos;s seal was replaced from entry {seq} on: it is not the one the verification code gives this station.</source>
        <translation>Le sceau du journal a été remplacé à partir de l&apos;entrée {seq}&#xa0;: ce n&apos;est pas celui que le code de vérification donne à ce poste.</translation>
    </message>
    <message>
        <source>The checkpoint at entry {seq} does not hold: the station never sealed an entry {seq} with that hash and date.</source>
        <translation>Le point de contrôle à l&apos;entrée {seq} ne tient pas&#xa0;: le poste n&apos;a jamais scellé d&apos;entrée {seq} avec cette empreinte et cette date.</translation>
    </message>
    <message>
        <source>Entries up to {seq} are missing: the checkpoint the journal begins from was not left by a purge (no purge entry names it).</source>
        <translation>Les entrées jusqu&apos;à la {seq} manquent&#xa0;: le point de contrôle dont part le journal n&apos;a pas été laissé par une purge (aucune entrée de purge ne le nomme).</translation>
    </message>
    <message>
        <source>Entries up to {seq} were purged before their retention ran out: entry {seq} dates from {at}, its purge (entry {purge}) from {purged}, with a retention of {days} days.</source>
        <translation>Les entrées jusqu&apos;à la {seq} ont été purgées avant la fin de leur durée de conservation&#xa0;: l&apos;entrée {seq} date du {at}, sa purge (entrée {purge}) du {purged}, pour une conservation de {days} jours.</translation>
    </message>
    <message>
        <source>Entries {seq} to {last} are missing: the station had sealed up to entry {last}, and the journal ends at entry {end}.</source>
        <translation>Les entrées {seq} à {last} manquent&#xa0;: le poste avait scellé jusqu&apos;à l&apos;entrée {last}, et le journal s&apos;arrête à l&apos;entrée {end}.</translation>
    </message>
    <message>
        <source>The journal&apos;s seal state ({path}) is missing or damaged: whether entries after entry {end} were removed cannot be told.</source>
        <translation>L&apos;état du sceau du journal ({path}) manque ou est endommagé&#xa0;: impossible de dire si des entrées postérieures à l&apos;entrée {end} ont été supprimées.</translation>
    </message>
    <message>
        <source>The journal&apos;s seal state ({path}) is not that of this journal&apos;s newest seal.</source>
        <translation>L&apos;état du sceau du journal ({path}) n&apos;est pas celui du dernier sceau de ce journal.</translation>
    </message>
    <message>
        <source>The journal&apos;s seal state does not hold the key of entry {seq}: it was replaced.</source>
        <translation>L&apos;état du sceau du journal ne contient pas la clé de l&apos;entrée {seq}&#xa0;: il a été remplacé.</translation>
    </message>
    <message>
        <source>Entries up to {seq} were purged with the clock put forward: their purge (entry {purge}) is dated {purged}, later than entry {later}, written after it.</source>
        <translation>Les entrées jusqu&apos;à la {seq} ont été purgées avec l&apos;horloge avancée&#xa0;: leur purge (entrée {purge}) est datée du {purged}, après l&apos;entrée {later}, écrite ensuite.</translation>
    </message>
    <message>
        <source>This station&apos;s journal is not sealed (it was made before sealing, or never received the service&apos;s key): only its chain was checked.</source>
        <translation>Le journal de ce poste n&apos;est pas scellé (il a été créé avant le scellement, ou n&apos;a jamais reçu la clé du service)&#xa0;: seul son chaînage a été vérifié.</translation>
    </message>
    <message>
        <source>Without the journal verification code the seals were not checked: an entry rewritten with every hash after it recomputed, entries put back in another order or a forged checkpoint cannot be ruled out. Give the code (--sealed) to check them.</source>
        <translation>Sans le code de vérification du journal, les sceaux n&apos;ont pas été vérifiés&#xa0;: une entrée réécrite avec toutes les empreintes suivantes recalculées, des entrées remises dans un autre ordre ou un point de contrôle forgé ne peuvent pas être exclus. Donnez le code (--sealed) pour les vérifier.</translation>
    </message>
    <message>
        <source>The seal of generation {generation} was drawn by the station itself when it joined the service through synchronisation: it proves the entries from {seq} on as far as the copy of it other stations hold is the same.</source>
        <translation>Le sceau de la génération {generation} a été tiré par le poste lui-même quand il a rejoint le service par synchronisation&#xa0;: il prouve les entrées à partir de la {seq} pour autant que la copie qu&apos;en gardent les autres postes soit la même.</translation>
    </message>
    <message>
        <source>This extract carries no seals (it was made before sealing, or by an unsealed station): only its chain and signature were checked.</source>
        <translation>Cet extrait ne porte pas de sceaux (il a été fait avant le scellement, ou par un poste non scellé)&#xa0;: seuls son chaînage et sa signature ont été vérifiés.</translation>
    </message>
    <message>
        <source>The seal of generation {generation} (from entry {seq}) was made for the key the station had before it joined this service: those entries are checked with that earlier code, not with this one.</source>
        <translation>Le sceau de la génération {generation} (à partir de l&apos;entrée {seq}) a été fait pour la clé qu&apos;avait le poste avant de rejoindre ce service&#xa0;: ces entrées se vérifient avec ce code antérieur, pas avec celui-ci.</translation>
    </message>
    <message>
        <source>The checkpoint at entry {seq} comes before the journal was sealed: its seal was not checked.</source>
        <translation>Le point de contrôle à l&apos;entrée {seq} précède le scellement du journal&#xa0;: son sceau n&apos;a pas été vérifié.</translation>
    </message>
    <message>
        <source>The journal does not hold. {finding}</source>
        <translation>Le journal n&apos;est pas intègre. {finding}</translation>
    </message>
    <message numerus="yes">
        <source>The journal holds, seals included: %n entries checked, from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>Le journal est intègre, sceaux compris&#xa0;: %n entrée vérifiée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>Le journal est intègre, sceaux compris&#xa0;: %n entrées vérifiées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The journal holds: %n entries checked, from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>Le journal est intègre&#xa0;: %n entrée vérifiée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>Le journal est intègre&#xa0;: %n entrées vérifiées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked: without the journal verification code the seals were not checked, so an entry rewritten with every hash after it recomputed, entries put back in another order or a forged checkpoint cannot be ruled out. Verify with the code to check them.</source>
        <translation>Non vérifié&#xa0;: sans le code de vérification du journal, les sceaux n&apos;ont pas été contrôlés&#xa0;; une entrée réécrite avec tous les hachages suivants recalculés, des entrées remises dans un autre ordre ou un point de reprise contrefait ne peuvent donc pas être exclus. Vérifiez avec le code pour les contrôler.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Remarque&#xa0;: {note}</translation>
    </message>
    <message numerus="yes">
        <source>{station}: its journal holds as received here, %n entries from entry {first} to entry {last}.</source>
        <translation>
            <numerusform>{station}&#xa0;: son journal, tel que reçu ici, est intègre&#xa0;: %n entrée, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
            <numerusform>{station}&#xa0;: son journal, tel que reçu ici, est intègre&#xa0;: %n entrées, de l&apos;entrée {first} à l&apos;entrée {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{station}: none of its entries is kept here.</source>
        <translation>{station}&#xa0;: aucune de ses entrées n&apos;est conservée ici.</translation>
    </message>
    <message>
        <source>{station}: its journal does not hold. {finding}</source>
        <translation>{station}&#xa0;: son journal n&apos;est pas intègre. {finding}</translation>
    </message>
    <message>
        <source>Entries received up to entry {last}: those the station wrote after it, if any, have not been received yet.</source>
        <translation>Entrées reçues jusqu&apos;à l&apos;entrée {last}&#xa0;: celles que le poste a écrites depuis, s&apos;il y en a, ne sont pas encore reçues.</translation>
    </message>
    <message>
        <source>No entry of this station is kept here any more: its purge removed them.</source>
        <translation>Aucune entrée de ce poste n&apos;est plus conservée ici&#xa0;: sa purge les a supprimées.</translation>
    </message>
    <message>
        <source>Station of the entry</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>This station&apos;s seal generations have not been received yet: only its chain was checked here.</source>
        <translation>Les générations de sceau de ce poste ne sont pas encore reçues&#xa0;: seule sa chaîne a été vérifiée ici.</translation>
    </message>
    <message>
        <source>Station {number}</source>
        <translation>Poste {number}</translation>
    </message>
    <message>
        <source>Station {short}</source>
        <translation>Poste {short}</translation>
    </message>
    <message>
        <source>{station} (this station)</source>
        <translation>{station} (ce poste)</translation>
    </message>
    <message>
        <source>Main courante {name}, erased on {date} ({motive})</source>
        <translation>Main courante {name}, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Main courante {name}, erased on {date}</source>
        <translation>Main courante {name}, effacée le {date}</translation>
    </message>
    <message>
        <source>Main courante, erased on {date} ({motive})</source>
        <translation>Main courante, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Main courante, erased on {date}</source>
        <translation>Main courante, effacée le {date}</translation>
    </message>
    <message>
        <source>Main courante nature {name}, erased on {date} ({motive})</source>
        <translation>Nature de main courante {name}, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Main courante nature {name}, erased on {date}</source>
        <translation>Nature de main courante {name}, effacée le {date}</translation>
    </message>
    <message>
        <source>Main courante nature, erased on {date} ({motive})</source>
        <translation>Nature de main courante, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Main courante nature, erased on {date}</source>
        <translation>Nature de main courante, effacée le {date}</translation>
    </message>
    <message>
        <source>PV {name}, erased on {date} ({motive})</source>
        <translation>PV {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>PV {name}, erased on {date}</source>
        <translation>PV {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>PV, erased on {date} ({motive})</source>
        <translation>PV, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>PV, erased on {date}</source>
        <translation>PV, effacé le {date}</translation>
    </message>
    <message>
        <source>Information report {name}, erased on {date} ({motive})</source>
        <translation>Rapport d&apos;information {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Information report {name}, erased on {date}</source>
        <translation>Rapport d&apos;information {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Information report, erased on {date} ({motive})</source>
        <translation>Rapport d&apos;information, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Information report, erased on {date}</source>
        <translation>Rapport d&apos;information, effacé le {date}</translation>
    </message>
    <message>
        <source>Intervention report {name}, erased on {date} ({motive})</source>
        <translation>Rapport d&apos;intervention {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Intervention report {name}, erased on {date}</source>
        <translation>Rapport d&apos;intervention {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Intervention report, erased on {date} ({motive})</source>
        <translation>Rapport d&apos;intervention, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Intervention report, erased on {date}</source>
        <translation>Rapport d&apos;intervention, effacé le {date}</translation>
    </message>
    <message>
        <source>Mission report {name}, erased on {date} ({motive})</source>
        <translation>Rapport de mission {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Mission report {name}, erased on {date}</source>
        <translation>Rapport de mission {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Mission report, erased on {date} ({motive})</source>
        <translation>Rapport de mission, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Mission report, erased on {date}</source>
        <translation>Rapport de mission, effacé le {date}</translation>
    </message>
    <message>
        <source>Document {name}, erased on {date} ({motive})</source>
        <translation>Document {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Document {name}, erased on {date}</source>
        <translation>Document {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Document, erased on {date} ({motive})</source>
        <translation>Document, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Document, erased on {date}</source>
        <translation>Document, effacé le {date}</translation>
    </message>
    <message>
        <source>NATINF version {name}, erased on {date} ({motive})</source>
        <translation>Version NATINF {name}, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>NATINF version {name}, erased on {date}</source>
        <translation>Version NATINF {name}, effacée le {date}</translation>
    </message>
    <message>
        <source>NATINF version, erased on {date} ({motive})</source>
        <translation>Version NATINF, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>NATINF version, erased on {date}</source>
        <translation>Version NATINF, effacée le {date}</translation>
    </message>
    <message>
        <source>Document template {name}, erased on {date} ({motive})</source>
        <translation>Modèle de document {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Document template {name}, erased on {date}</source>
        <translation>Modèle de document {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Document template, erased on {date} ({motive})</source>
        <translation>Modèle de document, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Document template, erased on {date}</source>
        <translation>Modèle de document, effacé le {date}</translation>
    </message>
    <message>
        <source>Letterhead {name}, erased on {date} ({motive})</source>
        <translation>En-tête {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Letterhead {name}, erased on {date}</source>
        <translation>En-tête {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Letterhead, erased on {date} ({motive})</source>
        <translation>En-tête, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Letterhead, erased on {date}</source>
        <translation>En-tête, effacé le {date}</translation>
    </message>
    <message>
        <source>User {name}, erased on {date} ({motive})</source>
        <translation>Utilisateur {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>User {name}, erased on {date}</source>
        <translation>Utilisateur {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>User, erased on {date} ({motive})</source>
        <translation>Utilisateur, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>User, erased on {date}</source>
        <translation>Utilisateur, effacé le {date}</translation>
    </message>
    <message>
        <source>Access rights {name}, erased on {date} ({motive})</source>
        <translation>Droits d&apos;accès {name}, effacés le {date} ({motive})</translation>
    </message>
    <message>
        <source>Access rights {name}, erased on {date}</source>
        <translation>Droits d&apos;accès {name}, effacés le {date}</translation>
    </message>
    <message>
        <source>Access rights, erased on {date} ({motive})</source>
        <translation>Droits d&apos;accès, effacés le {date} ({motive})</translation>
    </message>
    <message>
        <source>Access rights, erased on {date}</source>
        <translation>Droits d&apos;accès, effacés le {date}</translation>
    </message>
    <message>
        <source>Setting {name}, erased on {date} ({motive})</source>
        <translation>Paramètre {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Setting {name}, erased on {date}</source>
        <translation>Paramètre {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Setting, erased on {date} ({motive})</source>
        <translation>Paramètre, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Setting, erased on {date}</source>
        <translation>Paramètre, effacé le {date}</translation>
    </message>
    <message>
        <source>Voided number {name}, erased on {date} ({motive})</source>
        <translation>Numéro annulé {name}, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Voided number {name}, erased on {date}</source>
        <translation>Numéro annulé {name}, effacé le {date}</translation>
    </message>
    <message>
        <source>Voided number, erased on {date} ({motive})</source>
        <translation>Numéro annulé, effacé le {date} ({motive})</translation>
    </message>
    <message>
        <source>Voided number, erased on {date}</source>
        <translation>Numéro annulé, effacé le {date}</translation>
    </message>
    <message>
        <source>Legal hold {name}, erased on {date} ({motive})</source>
        <translation>Conservation judiciaire {name}, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Legal hold {name}, erased on {date}</source>
        <translation>Conservation judiciaire {name}, effacée le {date}</translation>
    </message>
    <message>
        <source>Legal hold, erased on {date} ({motive})</source>
        <translation>Conservation judiciaire, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Legal hold, erased on {date}</source>
        <translation>Conservation judiciaire, effacée le {date}</translation>
    </message>
    <message>
        <source>Journal entry {name}, erased on {date} ({motive})</source>
        <translation>Entrée du journal {name}, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Journal entry {name}, erased on {date}</source>
        <translation>Entrée du journal {name}, effacée le {date}</translation>
    </message>
    <message>
        <source>Journal entry, erased on {date} ({motive})</source>
        <translation>Entrée du journal, effacée le {date} ({motive})</translation>
    </message>
    <message>
        <source>Journal entry, erased on {date}</source>
        <translation>Entrée du journal, effacée le {date}</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>Station</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Access rights</source>
        <translation>Droits d&apos;accès</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservation</translation>
    </message>
    <message>
        <source>Access journal</source>
        <translation>Journal des accès</translation>
    </message>
    <message>
        <source>Journal extract</source>
        <translation>Extrait du journal</translation>
    </message>
    <message>
        <source>Complete export</source>
        <translation>Export complet</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <source>Voided number</source>
        <translation>Numéro annulé</translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation>Conservation judiciaire</translation>
    </message>
    <message>
        <source>Journal entry</source>
        <translation>Entrée du journal</translation>
    </message>
    <message>
        <source>Main courante</source>
        <translation>Main courante</translation>
    </message>
    <message>
        <source>Main courante nature</source>
        <translation>Nature de main courante</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Information report</source>
        <translation>Rapport d&apos;information</translation>
    </message>
    <message>
        <source>Intervention report</source>
        <translation>Rapport d&apos;intervention</translation>
    </message>
    <message>
        <source>Mission report</source>
        <translation>Rapport de mission</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>NATINF version</source>
        <translation>Version NATINF</translation>
    </message>
    <message>
        <source>Document template</source>
        <translation>Modèle de document</translation>
    </message>
    <message>
        <source>Letterhead</source>
        <translation>En-tête</translation>
    </message>
</context>
<context>
    <name>logbook</name>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Radio</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source>Patrol</source>
        <translation>Patrouille</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>17 (police emergency)</source>
        <translation>17 (police secours)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>Document PDF</translation>
    </message>
    <message>
        <source>Office document</source>
        <translation>Document bureautique</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>This e-mail could not be read as a message; it is kept as it came.</source>
        <translation>Ce courriel n&apos;a pas pu être lu comme un message&#xa0;; il est conservé tel quel.</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Réouverture</translation>
    </message>
    <message>
        <source>Person added</source>
        <translation>Personne ajoutée</translation>
    </message>
    <message>
        <source>Person modified</source>
        <translation>Personne modifiée</translation>
    </message>
    <message>
        <source>Person removed</source>
        <translation>Personne retirée</translation>
    </message>
    <message>
        <source>Attachment added</source>
        <translation>Pièce jointe ajoutée</translation>
    </message>
    <message>
        <source>Rapport or PV linked</source>
        <translation>Rapport ou PV lié</translation>
    </message>
    <message>
        <source>Rapport or PV draft deleted</source>
        <translation>Brouillon de rapport ou de PV supprimé</translation>
    </message>
    <message>
        <source>Personal data erased</source>
        <translation>Données personnelles effacées</translation>
    </message>
    <message>
        <source>Settled between two stations&apos; versions</source>
        <translation>Arbitrée entre les versions de deux postes</translation>
    </message>
    <message>
        <source>The field “{field}” is in the future: check the date.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» est dans le futur&#xa0;: vérifiez la date.</translation>
    </message>
    <message>
        <source>This person is a minor: give a legal guardian if one is known.</source>
        <translation>Cette personne est mineure&#xa0;: indiquez son représentant légal s&apos;il est connu.</translation>
    </message>
    <message>
        <source>The field “{field}” is before the time of the request.</source>
        <translation>Le champ «&#xa0;{field}&#xa0;» précède l&apos;heure de la demande.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} Mo</translation>
    </message>
    <message>
        <source>{size} kB</source>
        <translation>{size} ko</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>An unexpected error occurred; nothing was saved. The details are in the log file.</source>
        <translation>Une erreur inattendue s&apos;est produite&#xa0;; rien n&apos;a été enregistré. Le détail figure dans le fichier journal technique.</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
</context>
<context>
    <name>people</name>
    <message>
        <source>Person in question</source>
        <translation>Mis en cause</translation>
    </message>
    <message>
        <source>Victim</source>
        <translation>Victime</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Témoin</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Requérant</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>no such file or folder</source>
        <translation>fichier ou dossier introuvable</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>operation not permitted</source>
        <translation>opération non permise</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>plus de place sur le disque</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>le fichier est trop grand</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>système de fichiers en lecture seule</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>c&apos;est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>une partie du chemin est un fichier, pas un dossier</translation>
    </message>
    <message>
        <source>input/output error of the disk</source>
        <translation>erreur d&apos;entrée-sortie du disque</translation>
    </message>
    <message>
        <source>the file already exists</source>
        <translation>le fichier existe déjà</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>le nom est trop long</translation>
    </message>
    <message>
        <source>the file is in use</source>
        <translation>le fichier est en cours d&apos;utilisation</translation>
    </message>
    <message>
        <source>too many files open</source>
        <translation>trop de fichiers ouverts</translation>
    </message>
    <message>
        <source>disk quota exceeded</source>
        <translation>quota de disque dépassé</translation>
    </message>
    <message>
        <source>the database is in use by another Vigie</source>
        <translation>la base est utilisée par un autre Vigie</translation>
    </message>
    <message>
        <source>the database cannot be written</source>
        <translation>la base ne peut pas être écrite</translation>
    </message>
    <message>
        <source>the database file is damaged</source>
        <translation>le fichier de la base est endommagé</translation>
    </message>
    <message>
        <source>the database file cannot be opened</source>
        <translation>le fichier de la base ne peut pas être ouvert</translation>
    </message>
    <message>
        <source>not a Vigie database, or not under this station&apos;s key</source>
        <translation>ce n&apos;est pas une base Vigie, ou pas sous la clé de ce poste</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>ce n&apos;est pas du texte UTF-8</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>ce n&apos;est pas du JSON</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>aucune clé</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Officer</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Station chief</source>
        <translation>Chef de poste</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Mayor (read-only)</source>
        <translation>Maire (lecture seule)</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Minimum password length</source>
        <translation>Longueur minimale des mots de passe</translation>
    </message>
    <message>
        <source>Failed attempts before an account locks</source>
        <translation>Tentatives échouées avant verrouillage d&apos;un compte</translation>
    </message>
    <message>
        <source>Lockout duration (minutes)</source>
        <translation>Durée du verrouillage (minutes)</translation>
    </message>
    <message>
        <source>Lock the screen after this many idle minutes</source>
        <translation>Verrouiller l&apos;écran après ce nombre de minutes d&apos;inactivité</translation>
    </message>
    <message>
        <source>Number of this station in the service (1 to 10, for yearly numbers)</source>
        <translation>Numéro de ce poste dans le service (1 à 10, pour la numérotation annuelle)</translation>
    </message>
    <message>
        <source>Largest attachment accepted (MB)</source>
        <translation>Taille maximale d&apos;une pièce jointe (Mo)</translation>
    </message>
    <message>
        <source>Access journal retention (days)</source>
        <translation>Conservation du journal des accès (jours)</translation>
    </message>
    <message>
        <source>Main courante retention (days)</source>
        <translation>Conservation de la main courante (jours)</translation>
    </message>
    <message>
        <source>PV and rapports retention (days)</source>
        <translation>Conservation des PV et rapports (jours)</translation>
    </message>
    <message>
        <source>Administrative registers retention (days)</source>
        <translation>Conservation des registres administratifs (jours)</translation>
    </message>
    <message>
        <source>Requests retention (days)</source>
        <translation>Conservation des demandes (jours)</translation>
    </message>
    <message>
        <source>Motives offered (one per line)</source>
        <translation>Motifs proposés (un par ligne)</translation>
    </message>
    <message>
        <source>Operations that require a motive</source>
        <translation>Opérations exigeant un motif</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Dossier de sauvegarde</translation>
    </message>
    <message>
        <source>Hours between automatic backups</source>
        <translation>Heures entre deux sauvegardes automatiques</translation>
    </message>
    <message>
        <source>Most recent backups kept</source>
        <translation>Sauvegardes récentes conservées</translation>
    </message>
    <message>
        <source>Weeks for which one backup a week is kept</source>
        <translation>Semaines pendant lesquelles une sauvegarde par semaine est conservée</translation>
    </message>
    <message>
        <source>Months for which one backup a month is kept</source>
        <translation>Mois pendant lesquels une sauvegarde par mois est conservée</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>{side} made by {author} on {when}, {station}.</source>
        <translation>{side} enregistrée par {author} le {when}, {station}.</translation>
    </message>
    <message>
        <source>{side} made by {author} on {when}.</source>
        <translation>{side} enregistrée par {author} le {when}.</translation>
    </message>
    <message>
        <source>{side} made on {when}, {station}.</source>
        <translation>{side} enregistrée le {when}, {station}.</translation>
    </message>
    <message>
        <source>{side} made on {when}.</source>
        <translation>{side} enregistrée le {when}.</translation>
    </message>
    <message>
        <source>{side} made at {station}.</source>
        <translation>{side} enregistrée au {station}.</translation>
    </message>
    <message>
        <source>{side} who made it and when is not known on this station.</source>
        <translation>{side} son auteur et sa date ne sont pas connus sur ce poste.</translation>
    </message>
</context>
<context>
    <name>writings</name>
    <message>
        <source>PV de constatation</source>
        <translation>PV de constatation</translation>
    </message>
    <message>
        <source>Rapport d&apos;information</source>
        <translation>Rapport d&apos;information</translation>
    </message>
    <message>
        <source>Rapport d&apos;intervention</source>
        <translation>Rapport d&apos;intervention</translation>
    </message>
    <message>
        <source>Rapport de mission</source>
        <translation>Rapport de mission</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <source>Officier de police judiciaire</source>
        <translation>Officier de police judiciaire</translation>
    </message>
    <message>
        <source>Procureur de la République</source>
        <translation>Procureur de la République</translation>
    </message>
    <message>
        <source>Mayor</source>
        <translation>Maire</translation>
    </message>
    <message>
        <source>Other recipient</source>
        <translation>Autre destinataire</translation>
    </message>
    <message>
        <source>Conviction</source>
        <translation>Condamnation</translation>
    </message>
    <message>
        <source>Requalification</source>
        <translation>Requalification</translation>
    </message>
    <message>
        <source>Final acquittal</source>
        <translation>Relaxe ou acquittement définitif</translation>
    </message>
    <message>
        <source>Dismissal (classement sans suite)</source>
        <translation>Classement sans suite</translation>
    </message>
    <message>
        <source>Non-lieu</source>
        <translation>Non-lieu</translation>
    </message>
    <message>
        <source>Other decision</source>
        <translation>Autre décision</translation>
    </message>
    <message>
        <source>Department: {department}</source>
        <translation>Département&#xa0;: {department}</translation>
    </message>
    <message>
        <source>No. {number}</source>
        <translation>N° {number}</translation>
    </message>
    <message>
        <source>Date and time of the facts</source>
        <translation>Date et heure des faits</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Written on</source>
        <translation>Rédigé le</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Signé le</translation>
    </message>
    <message>
        <source>Not signed: draft</source>
        <translation>Non signé&#xa0;: projet</translation>
    </message>
    <message>
        <source>Main courante entry</source>
        <translation>Main courante</translation>
    </message>
    <message>
        <source>Vehicle plate</source>
        <translation>Immatriculation</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Rédacteur</translation>
    </message>
    <message>
        <source>{grade} {name}, matricule {matricule}</source>
        <translation>{grade} {name}, matricule {matricule}</translation>
    </message>
    <message>
        <source>{grade} {name}</source>
        <translation>{grade} {name}</translation>
    </message>
    <message>
        <source>Legal bases</source>
        <translation>Fondements juridiques</translation>
    </message>
    <message>
        <source>Assisted by</source>
        <translation>Assisté de</translation>
    </message>
    <message>
        <source>{date} at {time}</source>
        <translation>{date} à {time}</translation>
    </message>
    <message>
        <source>What follows are the author&apos;s personal assessments, not findings of fact.</source>
        <translation>Ce qui suit relève des appréciations personnelles de l&apos;auteur, non de constatations.</translation>
    </message>
    <message>
        <source>No personal assessment.</source>
        <translation>Aucune appréciation personnelle.</translation>
    </message>
    <message>
        <source>No person recorded.</source>
        <translation>Aucune personne enregistrée.</translation>
    </message>
    <message>
        <source>born on {date} in {place}</source>
        <translation>né(e) le {date} à {place}</translation>
    </message>
    <message>
        <source>born on {date}</source>
        <translation>né(e) le {date}</translation>
    </message>
    <message>
        <source>Address: {value}</source>
        <translation>Adresse&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Identity document: {value}</source>
        <translation>Pièce d&apos;identité&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Profession: {value}</source>
        <translation>Profession&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Contact: {value}</source>
        <translation>Contact&#xa0;: {value}</translation>
    </message>
    <message>
        <source>The personal data of this case were erased on {date} (court outcome or end of retention).</source>
        <translation>Les données personnelles de cette affaire ont été effacées le {date} (suite judiciaire ou fin de conservation).</translation>
    </message>
    <message>
        <source>NATINF</source>
        <translation>NATINF</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>No NATINF code.</source>
        <translation>Aucun code NATINF.</translation>
    </message>
    <message>
        <source>NATINF nomenclature used: {version}</source>
        <translation>Nomenclature NATINF utilisée&#xa0;: {version}</translation>
    </message>
    <message>
        <source>Nature of the offence: {value}</source>
        <translation>Nature de l&apos;infraction&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Qualification in force after the requalification of {date} ({authority}):</source>
        <translation>Qualification en vigueur après la requalification du {date} ({authority})&#xa0;:</translation>
    </message>
    <message>
        <source>Qualification given by the author:</source>
        <translation>Qualification retenue par le rédacteur&#xa0;:</translation>
    </message>
    <message>
        <source>Person handed over to {opj} on {date} at {time}.</source>
        <translation>Personne remise à {opj} le {date} à {time}.</translation>
    </message>
    <message>
        <source>Person handed over to the OPJ on {date} at {time}.</source>
        <translation>Personne remise à l&apos;OPJ le {date} à {time}.</translation>
    </message>
    <message>
        <source>Signed on {date} at {time}</source>
        <translation>Signé le {date} à {time}</translation>
    </message>
    <message>
        <source>ADDENDUM No. {addendum} TO DOCUMENT No. {number}</source>
        <translation>ADDITIF N° {addendum} AU DOCUMENT N° {number}</translation>
    </message>
    <message>
        <source>Written and signed on {date} at {time} by {author}. SHA-256: {hash}</source>
        <translation>Rédigé et signé le {date} à {time} par {author}. SHA-256&#xa0;: {hash}</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Envoyé le</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>No transmission recorded.</source>
        <translation>Aucune transmission enregistrée.</translation>
    </message>
    <message>
        <source>COURT OUTCOME</source>
        <translation>SUITE JUDICIAIRE</translation>
    </message>
    <message>
        <source>{outcome}, decision of {date}</source>
        <translation>{outcome}, décision du {date}</translation>
    </message>
    <message>
        <source>Page {page}/{pages}</source>
        <translation>Page {page}/{pages}</translation>
    </message>
    <message>
        <source>Signed document. SHA-256 of its content: {hash}</source>
        <translation>Document signé. SHA-256 de son contenu&#xa0;: {hash}</translation>
    </message>
    <message>
        <source>Draft: not signed, no value as a procedural document.</source>
        <translation>Projet&#xa0;: non signé, sans valeur d&apos;acte de procédure.</translation>
    </message>
    <message>
        <source>Erased on {when} ({motive})</source>
        <translation>Effacé le {when} ({motive})</translation>
    </message>
    <message>
        <source>retention period over</source>
        <translation>durée de conservation écoulée</translation>
    </message>
</context>
</TS>
