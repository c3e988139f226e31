<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
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
        <translation>Droits d’accès</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
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
        <translation>Ce compte gère les autres comptes et la station. C’est un compte nominatif.</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nom complet :</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>Grade :</translation>
    </message>
    <message>
        <source>Matricule:</source>
        <translation>Matricule :</translation>
    </message>
    <message>
        <source>Password (12 characters or more):</source>
        <translation>Mot de passe (12 caractères ou plus) :</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe :</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
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
        <translation>Mot de passe actuel :</translation>
    </message>
    <message>
        <source>New password (12 characters or more):</source>
        <translation>Nouveau mot de passe (12 caractères ou plus) :</translation>
    </message>
    <message>
        <source>Confirm the new password:</source>
        <translation>Confirmer le nouveau mot de passe :</translation>
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
    <name>LockDialog</name>
    <message>
        <source>Vigie — Session locked</source>
        <translation>Vigie — Session verrouillée</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
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
        <source>The session of {name} was locked after a period without activity. Type your password to go back to your work.</source>
        <translation>La session de {name} a été verrouillée après une période d’inactivité. Saisissez votre mot de passe pour reprendre votre travail.</translation>
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
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
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
        <translation>Tous les mots de passe perdus ? Utiliser le code de secours…</translation>
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
        <translation>Le registre quotidien du service : appels, événements de patrouille et interventions.</translation>
    </message>
    <message>
        <source>Écrits</source>
        <translation>Écrits</translation>
    </message>
    <message>
        <source>Procès-verbaux and rapports: drafting, signature, printing, transmission and follow-up.</source>
        <translation>Procès-verbaux et rapports : rédaction, signature, impression, transmission et suites judiciaires.</translation>
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
        <translation>Le journal des accès : qui a consulté, modifié, imprimé ou exporté quelle fiche, et pourquoi.</translation>
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
        <translation>Verrouiller l’écran</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>User: {who} ({login})</source>
        <translation>Utilisateur : {who} ({login})</translation>
    </message>
    <message>
        <source>Station: {service}, {commune}</source>
        <translation>Station : {service}, {commune}</translation>
    </message>
    <message>
        <source>Sync: not configured</source>
        <translation>Synchronisation : non configurée</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This module is not available yet in this version of Vigie.</source>
        <translation>Ce module n’est pas encore disponible dans cette version de Vigie.</translation>
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
        <translation>La station est créée. Ce code n’est affiché qu’une seule fois.</translation>
    </message>
    <message>
        <source>Write this code down on paper now and keep it in the service's safe. If every password is lost, it alone opens the station; without it, the data cannot be recovered. Do not keep it on this computer.</source>
        <translation>Recopiez ce code sur papier maintenant et rangez-le dans le coffre du service. Si tous les mots de passe sont perdus, lui seul ouvre la station ; sans lui, les données sont irrécupérables. Ne le conservez pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>I have written the code down and it will be kept in a safe.</source>
        <translation>J’ai recopié le code et il sera rangé dans un coffre.</translation>
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
        <translation>Saisissez le code de secours rangé au coffre lors de la création de la station. Il ouvre la station et fixe un nouveau mot de passe pour un administrateur.</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Code de secours :</translation>
    </message>
    <message>
        <source>Administrator's login:</source>
        <translation>Identifiant de l’administrateur :</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nouveau mot de passe :</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe :</translation>
    </message>
    <message>
        <source>Open the station</source>
        <translation>Ouvrir la station</translation>
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
        <translation>Mot de passe provisoire pour {name}. Il devra être changé à la prochaine connexion ; le compte est aussi déverrouillé.</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Mot de passe provisoire :</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe :</translation>
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
        <translation>{compartment} : {access}</translation>
    </message>
    <message>
        <source>Save the rights</source>
        <translation>Enregistrer les droits</translation>
    </message>
    <message>
        <source>Rights are checked by Vigie itself for every operation, whatever the screen. Accounts, settings and these rights stay with the administrators.</source>
        <translation>Vigie vérifie ces droits pour chaque opération, quel que soit l’écran. Les comptes, les paramètres et ces droits restent réservés aux administrateurs.</translation>
    </message>
    <message>
        <source>Rights saved.</source>
        <translation>Droits enregistrés.</translation>
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
        <translation>Quel service de police municipale utilisera cette station ?</translation>
    </message>
    <message>
        <source>Police municipale de …</source>
        <translation>Police municipale de …</translation>
    </message>
    <message>
        <source>Service name:</source>
        <translation>Nom du service :</translation>
    </message>
    <message>
        <source>Commune:</source>
        <translation>Commune :</translation>
    </message>
    <message>
        <source>INSEE code of the commune:</source>
        <translation>Code INSEE de la commune :</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Département :</translation>
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
        <translation>Vigie — Nouvelle station</translation>
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
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
    </message>
</context>
<context>
    <name>StationPanel</name>
    <message>
        <source>Service:</source>
        <translation>Service :</translation>
    </message>
    <message>
        <source>Commune:</source>
        <translation>Commune :</translation>
    </message>
    <message>
        <source>INSEE code:</source>
        <translation>Code INSEE :</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Département :</translation>
    </message>
    <message>
        <source>Station identifier:</source>
        <translation>Identifiant de la station :</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Dossier des données :</translation>
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
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Nom complet :</translation>
    </message>
    <message>
        <source>Grade:</source>
        <translation>Grade :</translation>
    </message>
    <message>
        <source>Matricule:</source>
        <translation>Matricule :</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Mot de passe provisoire :</translation>
    </message>
    <message>
        <source>Confirm the password:</source>
        <translation>Confirmer le mot de passe :</translation>
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
        <translation>Les comptes ne sont jamais supprimés : un compte désactivé garde son historique dans le journal.</translation>
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
        <translation>Désactiver le compte de {name} ? Il ne pourra plus se connecter ; son historique est conservé.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Your password:</source>
        <translation>Votre mot de passe :</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Nouveau mot de passe :</translation>
    </message>
    <message>
        <source>Temporary password for the account:</source>
        <translation>Mot de passe provisoire du compte :</translation>
    </message>
    <message>
        <source>Administrator's password:</source>
        <translation>Mot de passe de l’administrateur :</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Code de secours :</translation>
    </message>
    <message>
        <source>Station created in {path}.</source>
        <translation>Station créée dans {path}.</translation>
    </message>
    <message>
        <source>Recovery code: {code}</source>
        <translation>Code de secours : {code}</translation>
    </message>
    <message>
        <source>Write this code down now and keep it in a safe: it is shown only once, and it alone opens the station if every password is lost.</source>
        <translation>Recopiez ce code maintenant et rangez-le dans un coffre : il n’est affiché qu’une fois, et lui seul ouvre la station si tous les mots de passe sont perdus.</translation>
    </message>
    <message>
        <source>Account {login} created; its password must be changed at first login.</source>
        <translation>Compte {login} créé ; son mot de passe devra être changé à la première connexion.</translation>
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
        <translation>Compte {login} désactivé ; son historique est conservé.</translation>
    </message>
    <message>
        <source>Password of {login} reset; it must be changed at next login.</source>
        <translation>Mot de passe de {login} réinitialisé ; il devra être changé à la prochaine connexion.</translation>
    </message>
    <message>
        <source>The database is now encrypted under a new key.</source>
        <translation>La base de données est maintenant chiffrée avec une nouvelle clé.</translation>
    </message>
    <message>
        <source>Station opened with the recovery code; new password set for {login}.</source>
        <translation>Station ouverte avec le code de secours ; nouveau mot de passe fixé pour {login}.</translation>
    </message>
    <message>
        <source>Demo station created in {path}.</source>
        <translation>Station de démonstration créée dans {path}.</translation>
    </message>
    <message>
        <source>Demo accounts (login / password / role):</source>
        <translation>Comptes de démonstration (identifiant / mot de passe / rôle) :</translation>
    </message>
    <message>
        <source>Throwaway demo station in {path} (erased when Vigie closes).</source>
        <translation>Station de démonstration temporaire dans {path} (effacée à la fermeture de Vigie).</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Standard input ended before this line: {what}.</source>
        <translation>L’entrée standard s’est terminée avant cette ligne : {what}</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>L’opération a échoué.</translation>
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
        <translation>Accès refusé : {what}.</translation>
    </message>
    <message>
        <source>Invalid input.</source>
        <translation>Saisie invalide.</translation>
    </message>
    <message>
        <source>The database {path} could not be read or written ({reason}); nothing was saved.</source>
        <translation>La base de données {path} n’a pas pu être lue ou écrite ({reason}) ; rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Introuvable.</translation>
    </message>
    <message>
        <source>The current password is incorrect.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>Le nouveau mot de passe doit être différent de l’actuel.</translation>
    </message>
    <message>
        <source>The login “{login}” is already taken.</source>
        <translation>L’identifiant « {login} » est déjà pris.</translation>
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
        <translation>« {login} » n’est pas un administrateur actif.</translation>
    </message>
    <message>
        <source>No account has the login “{login}”.</source>
        <translation>Aucun compte n’a l’identifiant « {login} ».</translation>
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
        <translation>Valeur inconnue : {value}.</translation>
    </message>
    <message>
        <source>The database {path} belongs to another station.</source>
        <translation>La base de données {path} appartient à une autre station.</translation>
    </message>
    <message>
        <source>The folder {path} is not empty: a new station needs an empty folder.</source>
        <translation>Le dossier {path} n’est pas vide : une nouvelle station demande un dossier vide.</translation>
    </message>
    <message>
        <source>Cannot write in the folder {path}: {reason}.</source>
        <translation>Impossible d’écrire dans le dossier {path} : {reason}.</translation>
    </message>
    <message>
        <source>The key file {path} is missing: the database cannot be opened without it.</source>
        <translation>Le fichier de clés {path} est introuvable : la base de données ne peut pas être ouverte sans lui.</translation>
    </message>
    <message>
        <source>No station in {path}. Create one with “vigie init”.</source>
        <translation>Aucune station dans {path}. Créez-en une avec « vigie init ».</translation>
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
        <translation>La base de données {path} a été créée par une version plus récente de Vigie (schéma {revision}). Installez cette version pour l’ouvrir.</translation>
    </message>
    <message>
        <source>The database {path} does not open with this station's keys: it belongs to another station, or it is truncated or damaged.</source>
        <translation>La base de données {path} ne s’ouvre pas avec les clés de cette station : elle appartient à une autre station, ou elle est tronquée ou endommagée.</translation>
    </message>
    <message>
        <source>Incorrect recovery code.</source>
        <translation>Code de secours incorrect.</translation>
    </message>
    <message>
        <source>The login must be 2 to 64 characters: lower-case letters, digits, dot, dash or underscore.</source>
        <translation>L’identifiant compte de 2 à 64 caractères : lettres minuscules, chiffres, point, tiret ou tiret bas.</translation>
    </message>
    <message>
        <source>The field “{field}” is required.</source>
        <translation>Le champ « {field} » est obligatoire.</translation>
    </message>
    <message>
        <source>The field “{field}” is longer than {max} characters.</source>
        <translation>Le champ « {field} » dépasse {max} caractères.</translation>
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
        <translation>administration de la station</translation>
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
</context>
<context>
    <name>messages</name>
    <message>
        <source>An unexpected error occurred; nothing was saved. The details are in the log file.</source>
        <translation>Une erreur inattendue s’est produite ; rien n’a été enregistré. Le détail figure dans le fichier journal technique.</translation>
    </message>
    <message>
        <source>Vigie</source>
        <translation>Vigie</translation>
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
        <translation>Tentatives échouées avant verrouillage d’un compte</translation>
    </message>
    <message>
        <source>Lockout duration (minutes)</source>
        <translation>Durée du verrouillage (minutes)</translation>
    </message>
    <message>
        <source>Lock the screen after this many idle minutes</source>
        <translation>Verrouiller l’écran après ce nombre de minutes d’inactivité</translation>
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
</context>
</TS>