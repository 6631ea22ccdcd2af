/*-------------------------------------------------------------------------
 *
 * ddb_exceptions.h
 *	  The catalogue of DynamoDB exceptions that ddbtable can report.
 *
 * This header has no PostgreSQL dependencies, so the modules that run
 * outside a backend (attribute values, expressions, their unit tests and
 * fuzz targets) can name exceptions too.  Each entry gives the exception
 * name, the namespace that prefixes it in "__type", the HTTP status the
 * real service answers with, the last three characters of its SQLSTATE in
 * ddbtable's own class "YD", and whether the JSON body spells its message
 * member "Message" (capitalised) rather than "message".
 *
 * The SQLSTATE class "YD" starts with a letter in the range that the SQL
 * standard leaves to implementations (I-Z) and is not used by PostgreSQL.
 *
 * IDENTIFICATION
 *	  src/ddb_exceptions.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef DDB_EXCEPTIONS_H
#define DDB_EXCEPTIONS_H

#define DDB_NS_DYNAMODB		"com.amazonaws.dynamodb.v20120810"
#define DDB_NS_VALIDATE		"com.amazon.coral.validate"
#define DDB_NS_SERVICE		"com.amazon.coral.service"
#define DDB_NS_AVAILABILITY "com.amazon.coral.availability"

/*
 * X(name, namespace, http status, sqlstate suffix (3 chars), capital Message)
 */
#define DDB_EXCEPTION_LIST(X) \
	X(ValidationException, DDB_NS_VALIDATE, 400, "001", false) \
	X(SerializationException, DDB_NS_SERVICE, 400, "002", true) \
	X(ResourceNotFoundException, DDB_NS_DYNAMODB, 400, "003", false) \
	X(ResourceInUseException, DDB_NS_DYNAMODB, 400, "004", false) \
	X(LimitExceededException, DDB_NS_DYNAMODB, 400, "005", false) \
	X(ConditionalCheckFailedException, DDB_NS_DYNAMODB, 400, "006", false) \
	X(TransactionCanceledException, DDB_NS_DYNAMODB, 400, "007", true) \
	X(TransactionConflictException, DDB_NS_DYNAMODB, 400, "008", false) \
	X(TransactionInProgressException, DDB_NS_DYNAMODB, 400, "009", true) \
	X(IdempotentParameterMismatchException, DDB_NS_DYNAMODB, 400, "010", true) \
	X(ItemCollectionSizeLimitExceededException, DDB_NS_DYNAMODB, 400, "011", false) \
	X(ProvisionedThroughputExceededException, DDB_NS_DYNAMODB, 400, "012", false) \
	X(ThrottlingException, DDB_NS_AVAILABILITY, 400, "013", false) \
	X(RequestLimitExceeded, DDB_NS_DYNAMODB, 400, "014", false) \
	X(ReplicatedWriteConflictException, DDB_NS_DYNAMODB, 409, "015", false) \
	X(InternalServerError, DDB_NS_DYNAMODB, 500, "016", false) \
	X(ServiceUnavailable, DDB_NS_DYNAMODB, 503, "017", false) \
	X(BackupNotFoundException, DDB_NS_DYNAMODB, 400, "018", false) \
	X(BackupInUseException, DDB_NS_DYNAMODB, 400, "019", false) \
	X(TableNotFoundException, DDB_NS_DYNAMODB, 400, "020", false) \
	X(TableAlreadyExistsException, DDB_NS_DYNAMODB, 400, "021", false) \
	X(TableInUseException, DDB_NS_DYNAMODB, 400, "022", false) \
	X(ContinuousBackupsUnavailableException, DDB_NS_DYNAMODB, 400, "023", false) \
	X(PointInTimeRecoveryUnavailableException, DDB_NS_DYNAMODB, 400, "024", false) \
	X(InvalidRestoreTimeException, DDB_NS_DYNAMODB, 400, "025", false) \
	X(AccessDeniedException, DDB_NS_SERVICE, 400, "026", true) \
	X(UnknownOperationException, DDB_NS_SERVICE, 400, "027", false) \
	X(MissingAuthenticationTokenException, DDB_NS_SERVICE, 400, "028", false) \
	X(IncompleteSignatureException, DDB_NS_SERVICE, 400, "029", false) \
	X(InvalidSignatureException, DDB_NS_SERVICE, 400, "030", false) \
	X(UnrecognizedClientException, DDB_NS_SERVICE, 400, "031", false) \
	X(DuplicateItemException, DDB_NS_DYNAMODB, 400, "032", false) \
	X(IndexNotFoundException, DDB_NS_DYNAMODB, 400, "033", false) \
	X(ExportConflictException, DDB_NS_DYNAMODB, 400, "034", false) \
	X(ExportNotFoundException, DDB_NS_DYNAMODB, 400, "035", false) \
	X(InvalidExportTimeException, DDB_NS_DYNAMODB, 400, "036", false) \
	X(ImportConflictException, DDB_NS_DYNAMODB, 400, "037", false) \
	X(ImportNotFoundException, DDB_NS_DYNAMODB, 400, "038", false) \
	X(GlobalTableAlreadyExistsException, DDB_NS_DYNAMODB, 400, "039", false) \
	X(GlobalTableNotFoundException, DDB_NS_DYNAMODB, 400, "040", false) \
	X(ReplicaAlreadyExistsException, DDB_NS_DYNAMODB, 400, "041", false) \
	X(ReplicaNotFoundException, DDB_NS_DYNAMODB, 400, "042", false) \
	X(PolicyNotFoundException, DDB_NS_DYNAMODB, 400, "043", false) \
	X(InvalidEndpointException, DDB_NS_DYNAMODB, 421, "044", false)

/* DDB_EXC_ValidationException, DDB_EXC_SerializationException, ... */
typedef enum DdbException
{
#define DDB_EXC_ENUM(name, ns, http, code, capital) DDB_EXC_##name,
	DDB_EXCEPTION_LIST(DDB_EXC_ENUM)
#undef DDB_EXC_ENUM
	DDB_EXC_COUNT
} DdbException;

#endif							/* DDB_EXCEPTIONS_H */
