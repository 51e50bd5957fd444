package budgetron.db.corpus.workflow;

public enum Stage { DRAFT, REVIEW, DONE }
