-- Whether any account exists (demo accounts are made only when none does). Output: any boolean.
select exists (select 1 from app_user) as any;
